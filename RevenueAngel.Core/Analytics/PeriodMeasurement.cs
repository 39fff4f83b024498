using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Analytics;

/// The figures of one window, with the per-playbook counts they were summed from and the hourly sends and conversions they counted.
internal sealed record PeriodMeasurement(PeriodFigures Figures, IReadOnlyList<PlaybookPerformance> Playbooks, IReadOnlyList<SentSlice> Sends,
    IReadOnlyList<ConversionSlice> Conversions)
{
    public static async Task<PeriodMeasurement> TakeAsync(RevenueAngelDbContext db, string companyId, string currency,
        AnalyticsWindow window, IReadOnlyDictionary<long, PlaybookHeader> playbooks, CancellationToken ct)
    {
        var slices = await ConversionCounts.ReadAsync(db, companyId, window, ct);
        var conversions = slices.Select(c => new { c.Type, c.PlaybookId, InCurrency = c.Currency == currency, c.Count, Cents = c.NetCents }).ToList();
        var sends = await SentCounts.ReadAsync(db, companyId, window, ct);

        // Holdout members get no messages: they measure the playbook, they are not its audience.
        var entered = (await EnrollmentCounts.EnteredAsync(db, companyId, window, ct)).Where(e => e.Group != HoldoutSplit.Holdout).ToList();
        var running = await EnrollmentCounts.RunningDuringAsync(db, companyId, window, ct);

        long Revenue(Func<PlaybookType?, ConversionType, bool> counts) => conversions
            .Where(c => c.InCurrency && counts(TypeOf(c.PlaybookId), c.Type))
            .Sum(c => c.Cents);
        PlaybookType? TypeOf(long? playbookId) => playbookId is { } id && playbooks.TryGetValue(id, out var p) ? p.Type : null;

        var figures = new PeriodFigures(
            RecoveredRevenueCents: Revenue((module, type) => module == PlaybookType.ChurnSave && type is ConversionType.Recovery or ConversionType.Save or ConversionType.WinBack),
            InfluencedRevenueCents: Revenue((module, _) => module is not null),
            ConversionsByType: Enum.GetValues<ConversionType>().ToDictionary(t => t, t => conversions.Where(c => c.Type == t).Sum(c => c.Count)),
            AttributedConversions: conversions.Where(c => c.PlaybookId is not null).Sum(c => c.Count),
            Sends: sends.Sum(s => s.Sent),
            Clicks: sends.Sum(s => s.Clicked),
            Enrollments: entered.Sum(e => e.Entered),
            ConvertedEnrollments: entered.Sum(e => e.Converted),
            ActiveEnrollments: running);

        var table = playbooks.Values
            .Select(p => new PlaybookPerformance(p.Id, p.Name, p.Type, p.Deleted,
                Sends: sends.Where(s => s.PlaybookId == p.Id).Sum(s => s.Sent),
                Clicks: sends.Where(s => s.PlaybookId == p.Id).Sum(s => s.Clicked),
                Conversions: conversions.Where(c => c.PlaybookId == p.Id).Sum(c => c.Count),
                RevenueCents: conversions.Where(c => c.PlaybookId == p.Id && c.InCurrency).Sum(c => c.Cents)))
            // A deleted playbook stays in the table only for the period it still earned or sent in.
            .Where(p => !p.Deleted || p.Sends > 0 || p.Conversions > 0)
            .OrderByDescending(p => p.RevenueCents).ThenByDescending(p => p.Sends).ThenBy(p => p.Name)
            .ToList();
        return new PeriodMeasurement(figures, table, sends, slices);
    }
}
