using System.Globalization;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Listing;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Endpoints;

/// The list's and the export's query string: `q` (part of a name or email), `source`, `status` (new, nurturing,
/// converted, unsubscribed), `reachable` (true/false), `capturedFrom`/`capturedTo` (UTC dates yyyy-MM-dd, both
/// included), and for the list `cursor` and `limit` (1–200, default 50).
public sealed record LeadListRequest(string? Q, string? Source, string? Status, bool? Reachable, string? CapturedFrom, string? CapturedTo,
    string? Cursor, int? Limit)
{
    public const int DefaultLimit = 50;

    public (LeadFilter Filter, LeadCursor? After, int Limit, Dictionary<string, string[]> Problems) Resolve()
    {
        var problems = new Dictionary<string, string[]>();
        LeadStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            try
            {
                status = StoredEnum<LeadStatus>.Parse(Status);
            }
            catch (FormatException e)
            {
                problems["status"] = [e.Message];
            }
        }
        var from = Date(CapturedFrom, "capturedFrom", problems);
        var to = Date(CapturedTo, "capturedTo", problems)?.AddDays(1);
        if (from is not null && to is not null && to <= from) problems["capturedTo"] = ["capturedTo must not be before capturedFrom."];
        if (!LeadCursor.TryDecode(Cursor, out var after)) problems["cursor"] = ["Not a cursor this API returned."];
        if (Limit is < 1 or > LeadQueries.MaxPageSize) problems["limit"] = [$"limit must be between 1 and {LeadQueries.MaxPageSize}."];
        var filter = new LeadFilter(Q, string.IsNullOrEmpty(Source) ? null : Source, status, Reachable, from, to);
        return (filter, after, Limit ?? DefaultLimit, problems);
    }

    private static DateTimeOffset? Date(string? text, string field, Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        problems[field] = [$"{field} must be a date as yyyy-MM-dd."];
        return null;
    }
}
