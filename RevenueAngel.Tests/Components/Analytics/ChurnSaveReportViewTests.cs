using Bunit;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Web.Components.Analytics;

namespace RevenueAngel.Tests.Components.Analytics;

public sealed class ChurnSaveReportViewTests : MudTestContext
{
    private static readonly ChurnSaveReport Known = new(FailedPayments: 3, FailedCents: 8700, FailedThenPaid: 2, FailedThenPaidCents: 3800,
        RecoveredByUs: 1, RecoveredByUsCents: 1900, RecoveredByWhop: 1, RecoveredByWhopCents: 1900,
        SavesPending: 1, SavesPendingCents: 1900, SavesConfirmed: 1, SavesConfirmedCents: 4900, SavesLost: 1,
        WinBacks: 1, WinBackCents: 1900, SaveConfirmationDays: 21);

    private IRenderedComponent<ChurnSaveReportView> RenderReport(ChurnSaveReport report) =>
        Render<ChurnSaveReportView>(p => p.Add(x => x.Report, report).Add(x => x.Currency, "usd"));

    private static string Text(IRenderedComponent<ChurnSaveReportView> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent.Replace("\u00a0", " ").Trim();

    [Fact]
    public void TheFiguresOfAKnownPeriodShowWithTheSplitAndBothRates()
    {
        var cut = RenderReport(Known);

        Assert.Equal("3", Text(cut, "cs-failed"));
        Assert.Equal("2", Text(cut, "cs-recovered"));
        Assert.Equal("Ours 1 ($19.00) · Whop's 1 ($19.00)", string.Join(' ', Text(cut, "cs-recovered-split").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("66.7%", Text(cut, "cs-rate-count"));
        Assert.Equal("43.7% by dollars", Text(cut, "cs-rate-dollars"));
        Assert.Equal("1", Text(cut, "cs-saves-confirmed"));
        Assert.Contains("1 pending ($19.00)", Text(cut, "cs-saves-waiting"));
        Assert.Contains("1 lost", Text(cut, "cs-saves-waiting"));
        Assert.Equal("1", Text(cut, "cs-winbacks"));
        Assert.Equal("$106.00", Text(cut, "cs-kept"));
    }

    [Fact]
    public void ThePageSpellsOutTheDefinitionsWithTheConfiguredConfirmationWindow()
    {
        var definitions = Text(RenderReport(Known), "cs-definitions");

        Assert.Contains("Recovery rate by count: of the payments that failed in this period, the share that has been paid since.", definitions);
        Assert.Contains("Recovery rate by dollars: the amount of those payments paid since, divided by the amount that failed in this period.", definitions);
        Assert.Contains("cancels again within 21 days", definitions);
        Assert.Contains("Only confirmed saves count as revenue.", definitions);
    }

    [Fact]
    public void APeriodWithoutFailuresShowsNoRateRatherThanZero()
    {
        var cut = RenderReport(Known with { FailedPayments = 0, FailedCents = 0, FailedThenPaid = 0, FailedThenPaidCents = 0 });

        Assert.Equal("–", Text(cut, "cs-rate-count"));
        Assert.Equal("– by dollars", Text(cut, "cs-rate-dollars"));
    }

    [Fact]
    public void SavesByOfferShowWhatEachKindMadeAndKeptAndHideWhenNoOfferWasMade()
    {
        Assert.Empty(RenderReport(Known).FindAll("[data-testid=cs-by-offer]"));

        var cut = RenderReport(Known with
        {
            ByOffer =
            [
                new OfferKindSaves(Core.Offers.OfferKind.Pause, Offered: 4, Accepted: 1, SavesPending: 0, SavesConfirmed: 1, SavesLost: 0, SavesConfirmedCents: 4900),
                new OfferKindSaves(Core.Offers.OfferKind.Discount, Offered: 0, Accepted: 0, SavesPending: 0, SavesConfirmed: 0, SavesLost: 0, SavesConfirmedCents: 0),
            ],
        });

        var pause = cut.Find("[data-testid=cs-offer-pause]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Pause the membership", "4", "1 (25.0%)", "1", "0", "0", "$49.00"], pause);
        Assert.Contains("–", cut.Find("[data-testid=cs-offer-discount]").TextContent);
    }
}
