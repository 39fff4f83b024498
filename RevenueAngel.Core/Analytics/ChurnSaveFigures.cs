using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Reads the ChurnSave report: every recovery, save and win-back of the company, attributed to a message or not
/// (the split between ours and Whop's is the point).
internal static class ChurnSaveFigures
{
    private static readonly ConversionType[] Kept = [ConversionType.Recovery, ConversionType.Save, ConversionType.WinBack];

    public static async Task<ChurnSaveReport> ReadAsync(RevenueAngelDbContext db, string companyId, string currency, AnalyticsWindow window,
        int saveConfirmationDays, CancellationToken ct)
    {
        var failed = await db.Payments
            .Where(p => p.CompanyId == companyId && p.FailedAt >= window.From && p.FailedAt < window.To)
            .GroupBy(p => new { Paid = p.PaidAt != null, InCurrency = p.Currency == currency })
            .Select(g => new { g.Key.Paid, g.Key.InCurrency, Count = g.Count(), Cents = g.Sum(p => p.TotalCents) })
            .ToListAsync(ct);
        var kept = (await ConversionCounts.ReadAsync(db, companyId, window, ct)).Where(c => Kept.Contains(c.Type)).ToList();
        var pendingCents = kept.Where(c => c.Type == ConversionType.Save && c.State == ConversionState.Pending && c.Currency == currency)
            .Sum(c => c.RevenueCents);

        int Count(ConversionType type, Func<ConversionState, RecoverySource?, bool> which) =>
            kept.Where(k => k.Type == type && which(k.State, k.RecoveredBy)).Sum(k => k.Count);
        long Cents(ConversionType type, Func<ConversionState, RecoverySource?, bool> which) =>
            kept.Where(k => k.Type == type && k.Currency == currency && which(k.State, k.RecoveredBy)).Sum(k => k.NetCents);
        // Recoveries recorded before the split existed are counted as Whop's: nothing says a message earned them.
        bool Ours(ConversionState _, RecoverySource? by) => by == RecoverySource.Ours;
        bool Whops(ConversionState _, RecoverySource? by) => by != RecoverySource.Ours;

        return new ChurnSaveReport(
            FailedPayments: failed.Sum(f => f.Count),
            FailedCents: failed.Where(f => f.InCurrency).Sum(f => f.Cents),
            FailedThenPaid: failed.Where(f => f.Paid).Sum(f => f.Count),
            FailedThenPaidCents: failed.Where(f => f.Paid && f.InCurrency).Sum(f => f.Cents),
            RecoveredByUs: Count(ConversionType.Recovery, Ours),
            RecoveredByUsCents: Cents(ConversionType.Recovery, Ours),
            RecoveredByWhop: Count(ConversionType.Recovery, Whops),
            RecoveredByWhopCents: Cents(ConversionType.Recovery, Whops),
            SavesPending: Count(ConversionType.Save, (s, _) => s == ConversionState.Pending),
            SavesPendingCents: pendingCents,
            SavesConfirmed: Count(ConversionType.Save, (s, _) => s == ConversionState.Confirmed),
            SavesConfirmedCents: Cents(ConversionType.Save, (s, _) => s == ConversionState.Confirmed),
            SavesLost: Count(ConversionType.Save, (s, _) => s == ConversionState.Lost),
            WinBacks: Count(ConversionType.WinBack, (_, _) => true),
            WinBackCents: Cents(ConversionType.WinBack, (_, _) => true),
            SaveConfirmationDays: saveConfirmationDays)
        {
            ByOffer = await ByOfferAsync(db, companyId, currency, window, ct),
        };
    }

    private static async Task<IReadOnlyList<OfferKindSaves>> ByOfferAsync(RevenueAngelDbContext db, string companyId, string currency,
        AnalyticsWindow window, CancellationToken ct)
    {
        var offers = await db.SaveOffers
            .Where(o => o.CompanyId == companyId && o.CreatedAt >= window.From && o.CreatedAt < window.To)
            .GroupBy(o => o.Kind)
            .Select(g => new { Kind = g.Key, Offered = g.Count(), Accepted = g.Count(o => o.Status == OfferStatus.Accepted) })
            .ToListAsync(ct);
        var saves = await db.Conversions
            .Where(c => c.CompanyId == companyId && c.SaveOfferId != null && c.CreatedAt >= window.From && c.CreatedAt < window.To
                        && c.Type == ConversionType.Save)
            .Join(db.SaveOffers, c => c.SaveOfferId, o => (long?)o.Id, (c, o) => new { o.Kind, c.State, c.Currency, c.RevenueCents })
            .GroupBy(s => new { s.Kind, s.State, InCurrency = s.Currency == currency })
            .Select(g => new { g.Key.Kind, g.Key.State, g.Key.InCurrency, Count = g.Count(), Cents = g.Sum(s => s.RevenueCents) })
            .ToListAsync(ct);
        return Enum.GetValues<OfferKind>().Select(kind =>
        {
            var made = offers.SingleOrDefault(o => o.Kind == kind);
            int Saves(ConversionState state) => saves.Where(s => s.Kind == kind && s.State == state).Sum(s => s.Count);
            return new OfferKindSaves(kind, made?.Offered ?? 0, made?.Accepted ?? 0, Saves(ConversionState.Pending), Saves(ConversionState.Confirmed),
                Saves(ConversionState.Lost),
                saves.Where(s => s.Kind == kind && s.State == ConversionState.Confirmed && s.InCurrency).Sum(s => s.Cents));
        }).ToList();
    }
}
