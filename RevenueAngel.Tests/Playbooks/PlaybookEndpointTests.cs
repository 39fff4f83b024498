using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Playbooks;

public sealed class PlaybookEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(FakeWhopBuilder Company, string Token)> InstalledCompanyAsync()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        for (var i = 1; i <= 6; i++) company.AddMember(i);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        return (company, token);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task AFreshCompanyListsItsThreeDefaultPlaybooksSwitchedOff()
    {
        var (company, token) = await InstalledCompanyAsync();

        var list = await JsonAsync(await fixture.GetAsync($"/api/playbooks?companyId={company.CompanyId}", token));

        Assert.Equal(["Payment failed recovery", "Upgrade to Pro", "First purchase"], list.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(list.EnumerateArray(), p => Assert.False(p.GetProperty("enabled").GetBoolean()));
        Assert.Equal("churnsave", list[0].GetProperty("type").GetString());
        var id = list[1].GetProperty("id").GetInt64();
        var detail = await JsonAsync(await fixture.GetAsync($"/api/playbooks/{id}?companyId={company.CompanyId}", token));
        Assert.Equal(["push", "direct_message"], detail.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task SwitchingAPlaybookOnEnrolsItsAudienceAndOffCancelsItsScheduledSendsAndEndsItsEnrolments()
    {
        var (company, token) = await InstalledCompanyAsync();
        var upgrade = (await fixture.Get<PlaybookCatalog>().ListAsync(company.CompanyId, Ct)).Single(p => p.Type == PlaybookType.Upsell).Id;
        await using (var db = fixture.App.CreateDbContext())
        {
            var playbook = db.Playbooks.Single(p => p.Id == upgrade);
            (playbook.TargetRules, playbook.HoldoutPercent) = ("{}", 0);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.PostJsonAsync($"/api/playbooks/{upgrade}/enable?companyId={company.CompanyId}", token, """{"enabled":true}""")).StatusCode);
        await using (var enabled = fixture.App.CreateDbContext())
            Assert.Equal(6, enabled.Enrollments.Count(e => e.PlaybookId == upgrade && e.Status == EnrollmentStatus.Active));
        Assert.Equal(0, (await fixture.Get<SegmentEnroller>().EnrollAsync(upgrade, Ct)).Enrolled);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.PostJsonAsync($"/api/playbooks/{upgrade}/enable?companyId={company.CompanyId}", token, """{"enabled":false}""")).StatusCode);

        await using var check = fixture.App.CreateDbContext();
        Assert.All(check.Sends.Where(s => s.PlaybookId == upgrade).ToList(), s => Assert.Equal(SendStatus.Canceled, s.Status));
        Assert.All(check.Enrollments.Where(e => e.PlaybookId == upgrade).ToList(), e => Assert.Equal((EnrollmentStatus.Exited, "playbook disabled"), (e.Status, e.EndReason)));
        Assert.False(check.Playbooks.Single(p => p.Id == upgrade).Enabled);
    }

    [Fact]
    public async Task AnotherCompanysPlaybookIsNotFoundUnderMyCompanyAndForbiddenUnderTheirs()
    {
        var (mine, myToken) = await InstalledCompanyAsync();
        var (theirs, _) = await InstalledCompanyAsync();
        var theirPlaybook = (await fixture.Get<PlaybookCatalog>().ListAsync(theirs.CompanyId, Ct))[0].Id;

        var read = await fixture.GetAsync($"/api/playbooks/{theirPlaybook}?companyId={mine.CompanyId}", myToken);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Empty(await read.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PostJsonAsync($"/api/playbooks/{theirPlaybook}/enable?companyId={mine.CompanyId}", myToken, """{"enabled":true}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.GetAsync($"/api/playbooks/{theirPlaybook}?companyId={theirs.CompanyId}", myToken)).StatusCode);
        Assert.False((await fixture.Get<PlaybookCatalog>().GetAsync(theirs.CompanyId, theirPlaybook, Ct))!.Enabled);
    }
}
