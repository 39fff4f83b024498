namespace RevenueAngel.Core.Leads.Import;

/// The file cannot be imported at all (no header, no email column, a column the mapping names is missing, broken
/// CSV): nothing was written.
public class LeadImportException(string message, Exception? inner = null) : Exception(message, inner);

/// The file is over <see cref="LeadImportLimits.MaxRows"/> rows or <see cref="LeadImportLimits.MaxBytes"/> bytes:
/// nothing was written.
public sealed class LeadImportTooLargeException(string message) : LeadImportException(message);
