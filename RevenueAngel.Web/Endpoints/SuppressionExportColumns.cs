using CsvHelper;
using RevenueAngel.Core.Email;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Endpoints;

/// The suppression list's download: every entry with why it is there and, once removed, why it was.
public static class SuppressionExportColumns
{
    public static readonly string[] Header = ["id", "address", "reason", "at", "note", "removed_at", "removal_reason"];

    public static void Write(CsvWriter csv, SuppressionRow row)
    {
        csv.WriteField(row.Id, default);
        csv.WriteField(row.Address);
        csv.WriteField(StoredEnum<SuppressionReason>.ToText(row.Reason));
        csv.WriteField(row.At, default);
        csv.WriteField(row.Note);
        csv.WriteField(row.RemovedAt, default);
        csv.WriteField(row.RemovalReason);
    }
}
