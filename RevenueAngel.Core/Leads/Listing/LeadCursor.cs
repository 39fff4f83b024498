using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RevenueAngel.Core.Leads.Listing;

/// Where a page ends in the list's order (captured_at descending, then id descending), as an opaque URL-safe token.
public sealed record LeadCursor(DateTimeOffset CapturedAt, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{CapturedAt.UtcTicks}.{Id}"));

    public static bool TryDecode(string? token, out LeadCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token)) return true;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('.');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            cursor = new LeadCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
