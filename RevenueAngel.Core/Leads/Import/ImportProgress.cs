namespace RevenueAngel.Core.Leads.Import;

/// How far an import is: data rows read so far, good rows written, bad rows set aside.
public sealed record ImportProgress(int RowsRead, int Imported, int Bad);
