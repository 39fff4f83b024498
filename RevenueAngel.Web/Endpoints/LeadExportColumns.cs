using CsvHelper;
using RevenueAngel.Core.Leads.Listing;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Endpoints;

/// The lead export's columns. email, name, utm_source and consent are the import's own headers, so an export
/// imports back as it is.
public static class LeadExportColumns
{
    public static readonly string[] Header =
        ["id", "email", "name", "source", "status", "channels", "consent", "utm_source", "captured_at", "converted_at"];

    public static void Write(CsvWriter csv, LeadRow row)
    {
        csv.WriteField(row.Id, default);
        csv.WriteField(row.Email);
        csv.WriteField(row.Name);
        csv.WriteField(row.Source);
        csv.WriteField(StoredEnum<Core.Leads.LeadStatus>.ToText(row.Status));
        csv.WriteField(string.Join(' ', row.Channels));
        csv.WriteField(row.EmailConsent ? "yes" : "no");
        csv.WriteField(row.UtmSource);
        csv.WriteField(row.CapturedAt, default);
        csv.WriteField(row.ConvertedAt, default);
    }
}
