using System.Text;

namespace RevenueAngel.Core.Webhooks;

/// What a payload says may not fit a column: PostgreSQL text holds no NUL, Npgsql refuses a lone surrogate, and
/// every id or type column has a length. Ids that break these rules are refused (no real Whop id does); free text
/// is cleaned and cut instead.
public static class StoredText
{
    /// A Whop id we can store and look up: present, at most <paramref name="maxLength"/> characters, nothing unstorable.
    public static bool IsUsableId(string? id, int maxLength = 64) => !string.IsNullOrEmpty(id) && id.Length <= maxLength && IsClean(id);

    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// The text without NUL (lone surrogates replaced), cut to <paramref name="maxLength"/> characters.
    public static string Fit(string text, int maxLength) => Fit(text, maxLength, out _);

    public static string Fit(string text, int maxLength, out bool changed)
    {
        changed = false;
        if (text.Length <= maxLength && IsClean(text)) return text;
        changed = true;
        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && clean.Length < maxLength; i++)
        {
            var c = text[i];
            if (c == '\0') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (clean.Length + 2 > maxLength) break;
                clean.Append(c).Append(text[++i]);
            }
            else clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return clean.ToString();
    }

    public static string? FitOrNull(string? text, int maxLength) => text is null ? null : Fit(text, maxLength);
}
