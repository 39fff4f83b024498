using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Attribution;

/// Clicks on tracked links: the first click's time and a count per send. The redirect target is the send's own
/// call to action from our database, never anything in the request, so `/r/` cannot be used as an open redirect.
public sealed class ClickTracker(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    // Link unfurlers and crawlers fetch links nobody clicked.
    private static readonly string[] Bots =
    [
        "bot", "crawler", "spider", "slurp", "facebookexternalhit", "embedly", "preview", "whatsapp", "telegram", "discord",
        "skypeuripreview", "bitlybot", "vkshare", "quora link", "outbrain", "pinterest", "headless",
    ];

    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || Bots.Any(b => userAgent.Contains(b, StringComparison.OrdinalIgnoreCase));

    /// The target to redirect to, counting the click unless <paramref name="count"/> is false; null for an unknown token.
    public async Task<Uri?> FollowAsync(string token, bool count, CancellationToken ct = default)
    {
        if (token.Length is < 16 or > 32) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var target = await db.Sends.Where(s => s.ClickToken == token).Select(s => s.CtaUrl).SingleOrDefaultAsync(ct);
        if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return null;
        if (count) await RecordAsync(db, db.Sends.Where(s => s.ClickToken == token), ct);
        return uri;
    }

    /// For clients that track clicks themselves: a delivered send of this company. False when there is none.
    public async Task<bool> TrackAsync(CompanyScope company, long sendId, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await RecordAsync(db, db.Sends.Where(s => s.CompanyId == companyId && s.Id == sendId), ct) == 1;
    }

    private Task<int> RecordAsync(RevenueAngelDbContext db, IQueryable<Send> send, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return send.Where(s => s.Status == SendStatus.Sent || s.Status == SendStatus.Unknown)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ClickedAt, s => s.ClickedAt ?? now)
                .SetProperty(s => s.ClickCount, s => s.ClickCount + 1), ct);
    }
}
