using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RevenueAngel.Core.Email;
using RevenueAngel.Tests.Components.Leads;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Leads;
using RevenueAngel.Web.Components.Email;

namespace RevenueAngel.Tests.Components.Email;

public sealed class SuppressionListCardTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly CoreHost _core;

    public SuppressionListCardTests(DemoCoreFixture demo)
    {
        _core = demo.Core;
        Services.AddLeadServices(_core);
        UsePageServices(_core);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private EmailSuppressions Suppressions => _core.Get<EmailSuppressions>();

    private async Task<(LeadsScenario Mine, LeadsScenario Other)> TwoCompaniesAsync()
    {
        var mine = await LeadsScenario.CreateAsync(_core.CreateDbContext);
        var other = await LeadsScenario.CreateAsync(_core.CreateDbContext);
        await Suppressions.SuppressAsync(mine.CompanyId, "gone@example.com", SuppressionReason.Unsubscribed, "one-click", Ct);
        await Suppressions.SuppressAsync(mine.CompanyId, "bounced@example.com", SuppressionReason.HardBounce, "550 no such user", Ct);
        await Suppressions.SuppressAsync(other.CompanyId, "theirs@example.com", SuppressionReason.Unsubscribed, null, Ct);
        return (mine, other);
    }

    private IRenderedComponent<SuppressionListCard> RenderCard(LeadsScenario s) =>
        Render<SuppressionListCard>(p => p.Add(c => c.Company, s.Scope));

    private static List<string> Addresses(IRenderedComponent<SuppressionListCard> cut) =>
        [.. cut.FindAll("[data-testid=suppression-address]").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task ListsOnlyThisCompanysAddressesWithTheirReasonsAndExportsThem()
    {
        var (mine, _) = await TwoCompaniesAsync();

        var cut = RenderCard(mine);

        cut.WaitForAssertion(() => Assert.Equal(2, Addresses(cut).Count));
        Assert.Equal(["bounced@example.com", "gone@example.com"], Addresses(cut).Order());
        Assert.Contains("Bounced", cut.Markup);
        Assert.Contains("550 no such user", cut.Markup);
        Assert.DoesNotContain("theirs@example.com", cut.Markup);
        Assert.Equal($"/api/email/suppressions?companyId={mine.CompanyId}&format=csv&includeRemoved=true",
            cut.Find("a[data-testid=export-suppressions]").GetAttribute("href"));

        cut.Find("input[data-testid=suppression-search]").Input("BOUNCED");
        cut.WaitForAssertion(() => Assert.Equal(["bounced@example.com"], Addresses(cut)));
    }

    [Fact]
    public async Task RemovingAnEntryNeedsAReasonAndKeepsItInTheHistory()
    {
        var (mine, _) = await TwoCompaniesAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderCard(mine);
        cut.WaitForAssertion(() => Assert.Equal(2, Addresses(cut).Count));
        var gone = (await Suppressions.PageAsync(mine.Scope, "gone@", false, 0, 10, Ct)).Items.Single();

        cut.Find($"[data-testid=remove-suppression-{gone.Id}]").Click();
        dialogs.WaitForElement("[data-testid=confirm-removal]").Click();
        Assert.Contains("A reason is required", dialogs.Markup);
        Assert.True(await IsActiveAsync(gone.Id));

        dialogs.Find("textarea[data-testid=removal-reason]").Change("Asked by email on 2026-11-30 to hear from us again");
        dialogs.Find("[data-testid=confirm-removal]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["bounced@example.com"], Addresses(cut)));
        Assert.False(await IsActiveAsync(gone.Id));
        cut.FindComponent<MudSwitch<bool>>().Find("input").Change(true);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=removed-{gone.Id}]")));
        await using var db = _core.CreateDbContext();
        Assert.Equal("Asked by email on 2026-11-30 to hear from us again",
            await db.EmailSuppressions.Where(s => s.Id == gone.Id).Select(s => s.RemovalReason).SingleAsync(Ct));
    }

    [Fact]
    public async Task AnAdminAddsAnAddressAfterTheSameCheckAsTheCaptureForm()
    {
        var (mine, other) = await TwoCompaniesAsync();
        var cut = RenderCard(mine);
        cut.WaitForAssertion(() => Assert.Equal(2, Addresses(cut).Count));

        cut.Find("input[data-testid=new-suppression-address]").Change("not an address");
        cut.Find("[data-testid=add-suppression-button]").Click();
        cut.WaitForAssertion(() => Assert.Contains("The email address", cut.Markup));
        Assert.Equal(2, Addresses(cut).Count);

        cut.Find("input[data-testid=new-suppression-address]").Change("  Asked.By.Post@Example.com ");
        cut.Find("[data-testid=add-suppression-button]").Click();

        cut.WaitForAssertion(() => Assert.Contains("asked.by.post@example.com", Addresses(cut)));
        Assert.Contains("Added by you", cut.Markup);
        Assert.Equal(1, (await Suppressions.PageAsync(other.Scope, null, true, 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task AnotherCompanysEntryCannotBeRemovedFromThisCompany()
    {
        var (mine, other) = await TwoCompaniesAsync();
        var theirs = (await Suppressions.PageAsync(other.Scope, null, false, 0, 10, Ct)).Items.Single();

        Assert.False(await Suppressions.RemoveAsync(mine.Scope, theirs.Id, "not mine to remove", Ct));

        Assert.True(await IsActiveAsync(theirs.Id));
    }

    private async Task<bool> IsActiveAsync(long id)
    {
        await using var db = _core.CreateDbContext();
        return await db.EmailSuppressions.Where(s => s.Id == id).Select(s => s.RemovedAt == null).SingleAsync(Ct);
    }
}
