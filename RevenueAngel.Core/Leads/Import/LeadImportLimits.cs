namespace RevenueAngel.Core.Leads.Import;

public static class LeadImportLimits
{
    public const int MaxRows = 100_000;
    public const long MaxBytes = 20 * 1024 * 1024;
    /// Rows written per statement: large enough that 100k rows are 20 round trips, small enough to bound memory.
    public const int BatchSize = 5_000;
    public const int ReportedBadRows = 1_000;
    /// One CSV record; only an unclosed quote or a binary file gets near it.
    public const int MaxRecordBytes = 64 * 1024;

    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 200;
    public const int UtmSourceMaxLength = 200;
    public const int ConsentTextMaxLength = 1000;
}
