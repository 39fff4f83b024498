using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Tests.Infrastructure;
using static RevenueAngel.Tests.Analytics.AnalyticsScenario;

namespace RevenueAngel.Tests.Analytics;

/// The figures of <see cref="AnalyticsScenario"/>, worked out by hand, on PostgreSQL and on the demo's SQLite.
public sealed class AnalyticsQueriesTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly AnalyticsWindow LastWeek = AnalyticsWindow.LastDays(7, Now);

    private async Task<(CoreHost Host, AnalyticsScenario Scenario)> ArrangeAsync(string provider)
    {
        var host = hosts[provider];
        await using var db = host.CreateDbContext();
        await AnalyticsScenario.CreateAsync(db, "Neighbour");
        return (host, await AnalyticsScenario.CreateAsync(db));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task RevenueCountsOnlyThePeriodsAttributedConversionsNetOfRefunds(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var overview = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId, LastWeek, Ct))!;

        // Recovered: $49 − $15 refund + $29 save. Influenced adds the $99 first purchase; the unattributed $49 and the € one stay out.
        Assert.Equal((4900 - 1500 + 2900, 4900 - 1500 + 2900 + 9900), (overview.Current.RecoveredRevenueCents, overview.Current.InfluencedRevenueCents));
        Assert.Equal(4, overview.Current.AttributedConversions);
        Assert.Equal(new Dictionary<ConversionType, int> { [ConversionType.FirstPurchase] = 1, [ConversionType.Upgrade] = 0, [ConversionType.Recovery] = 3, [ConversionType.Save] = 1,
            [ConversionType.WinBack] = 0 },
            overview.Current.ConversionsByType);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EachFigureComesWithThePreviousPeriodsValue(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var overview = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId, LastWeek, Ct))!;

        Assert.Equal((2000, 2000, 1), (overview.Previous.RecoveredRevenueCents, overview.Previous.InfluencedRevenueCents, overview.Previous.AttributedConversions));
        Assert.Equal(new Change(6300, 2000), overview.RecoveredRevenue);
        Assert.Equal(2.15, overview.RecoveredRevenue.Percent!.Value, 6);
        Assert.Equal((7, 3, 3.0 / 7), (overview.Current.Sends, overview.Current.Clicks, overview.Current.ClickThroughRate));
        Assert.Equal((1, 0), (overview.Previous.Sends, overview.Previous.Clicks));
        // Six treatment enrolments entered (the holdout one does not count), three reached the goal; p1 ended before the week.
        Assert.Equal((6, 3, 0.5, 6), (overview.Current.Enrollments, overview.Current.ConvertedEnrollments, overview.Current.ConversionRate, overview.Current.ActiveEnrollments));
        Assert.Equal((1, 1, 1), (overview.Previous.Enrollments, overview.Previous.ConvertedEnrollments, overview.Previous.ActiveEnrollments));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task ALongerWindowTakesInOlderHistory(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var month = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId, AnalyticsWindow.LastDays(30, Now), Ct))!;
        var range = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId,
            AnalyticsWindow.Dates(DateOnly.FromDateTime(DaysAgo(10).UtcDateTime), DateOnly.FromDateTime(DaysAgo(9).UtcDateTime)), Ct))!;

        Assert.Equal(6300 + 2000 + 10000, month.Current.RecoveredRevenueCents);
        Assert.Equal((8, 0), (month.Current.Sends, month.Previous.Sends));
        Assert.Equal((2000, 1, 2), (range.Current.RecoveredRevenueCents, range.Current.Sends, range.Daily.Count));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task TheDailySeriesSplitsNetRevenueByModuleAndCountsSendsPerDay(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var daily = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId, LastWeek, Ct))!.Daily;

        Assert.Equal(Enumerable.Range(0, 8).Select(i => new DateOnly(2026, 10, 25).AddDays(i)), daily.Select(d => d.Day));
        Assert.Equal([0, 1, 1, 1, 2, 1, 1, 0], daily.Select(d => d.Sends));
        var byDay = daily.ToDictionary(d => d.Day.Day, d => d.RevenueCents);
        Assert.Equal(4900, byDay[28][RevenueModule.Unattributed]);
        Assert.Equal(9900, byDay[29][RevenueModule.Nurture]);
        Assert.Equal(3400, byDay[30][RevenueModule.ChurnSave]);
        Assert.Equal(2900, byDay[31][RevenueModule.ChurnSave]);
        Assert.Equal(4900 + 9900 + 3400 + 2900, daily.Sum(d => d.RevenueCents.Values.Sum()));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task ThePlaybookTableHasEveryLivePlaybookWithItsOwnSendsAndRevenue(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var table = (await host.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId, LastWeek, Ct))!.Playbooks;

        Assert.Equal(
            [("Welcome", 2, 1, 1, 9900L), ("Payment rescue", 5, 2, 3, 6300L), ("Go Pro", 0, 0, 0, 0L)],
            table.Select(p => (p.Name, p.Sends, p.Clicks, p.Conversions, p.RevenueCents)));
        Assert.Equal(0.4, table[1].ClickThroughRate);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task TheStepFunnelFollowsEachStepsSendsFromScheduledToConverted(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var report = (await host.Get<AnalyticsQueries>().GetPlaybookAsync(scenario.CompanyId, scenario.ChurnSave.Id, LastWeek, Ct))!;

        Assert.Equal(
            [(1, 4, 4, 2, 2, 3400L), (2, 2, 1, 0, 1, 2900L)],
            report.Steps.Select(s => (s.Position, s.Scheduled, s.Sent, s.Clicked, s.Converted, s.RevenueCents)));
        Assert.Equal((5, 2, 3, 6300L), (report.Totals.Sends, report.Totals.Clicks, report.Totals.Conversions, report.Totals.RevenueCents));
        Assert.Equal("We miss you", report.Steps[0].Title);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AnotherCompanysPlaybookHasNoReport(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);
        await using var db = host.CreateDbContext();
        var other = await AnalyticsScenario.CreateAsync(db, "Other");

        Assert.Null(await host.Get<AnalyticsQueries>().GetPlaybookAsync(scenario.CompanyId, other.ChurnSave.Id, LastWeek, Ct));
        Assert.Null(await host.Get<AnalyticsQueries>().GetOverviewAsync("biz_unknown", LastWeek, Ct));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task RecentConversionsAreNewestFirstWithMemberMessageAndNetRevenue(string provider)
    {
        var (host, scenario) = await ArrangeAsync(provider);

        var recent = await host.Get<ConversionFeed>().RecentAsync(scenario.CompanyId, 3, Ct);

        Assert.Equal(
            [("Member c1", ConversionType.Save, 2900L, "Payment rescue", (int?)2), ("Unknown member", ConversionType.Recovery, 1000L, "Payment rescue", 1),
             ("Member c3", ConversionType.Recovery, 3400L, "Payment rescue", 1)],
            recent.Select(r => (r.MemberName, r.Type, r.NetRevenueCents, r.PlaybookName, r.StepPosition)));
    }
}
