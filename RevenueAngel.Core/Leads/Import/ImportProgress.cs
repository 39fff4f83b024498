namespace RevenueAngel.Core.Leads.Import;

/// How far an import is: data rows read so far, good rows written, bad rows set aside, and the bytes of the file
/// read (against its size, a progress bar).
public sealed record ImportProgress(int RowsRead, int Imported, int Bad, long BytesRead);
