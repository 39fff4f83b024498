using System.Net;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Web;

/// Members open our app's experience (notification deep links land there): any access to that experience
/// lets them in, and they see only their own memberships.
public sealed class ExperienceAccessTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(FakeWhopBuilder Company, string ExperienceId)> CompanyWithExperienceAsync()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var experienceId = $"exp_{company.CompanyId}";
        fixture.Whop.Store.Experiences[experienceId] = new FakeExperience(experienceId, company.CompanyId, WhopAppFixture.AppId, "RevenueAngel", company.ProductId);
        company.AddMember(1);
        company.AddMember(2, status: "past_due", planId: company.ProPlanId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId));
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        return (company, experienceId);
    }

    [Fact]
    public async Task AMemberWithAccessSeesTheirOwnMembershipOnly()
    {
        var (company, experienceId) = await CompanyWithExperienceAsync();
        var userId = $"user_{company.CompanyId}_0002";
        fixture.Whop.Store.Grant(userId, experienceId, "customer");

        var response = await fixture.GetAsync($"/experiences/{experienceId}/billing?m=mem_x", fixture.TokenFor(userId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Your last payment failed", html);
        Assert.Contains($"https://whop.com/billing/manage/mber_{company.CompanyId}_0002/", html);
        Assert.DoesNotContain("Renews on", html);
    }

    [Fact]
    public async Task WithoutAccessToTheExperienceItIsForbiddenAndWithoutATokenUnauthorized()
    {
        var (company, experienceId) = await CompanyWithExperienceAsync();

        var forbidden = await fixture.GetAsync($"/experiences/{experienceId}", fixture.TokenFor($"user_{company.CompanyId}_0001"));
        var anonymous = await fixture.GetAsync($"/experiences/{experienceId}", token: null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ANotificationsDeepLinkShowsThatMessageToItsMemberOnly()
    {
        var scenario = await Dispatch.DispatchScenario.CreateAsync(fixture, members: 2);
        var playbook = await scenario.PlaybookAsync(title: "Your card, {{ first_name }}", body: "Tap below to fix it.");
        var send = (await scenario.EnrollAsync(playbook, [scenario.Members[0]])).Single();
        await fixture.Get<Core.Dispatch.Dispatcher>().RunAsync(Ct);
        var experienceId = scenario.Company.WhopExperienceId!;
        foreach (var member in scenario.Members) fixture.Whop.Store.Grant(member.WhopUserId, experienceId, "customer");

        var mine = await (await fixture.GetAsync($"/experiences/{experienceId}/messages/{send.Id}", fixture.TokenFor(scenario.Members[0].WhopUserId)))
            .Content.ReadAsStringAsync(Ct);
        var theirs = await (await fixture.GetAsync($"/experiences/{experienceId}/messages/{send.Id}", fixture.TokenFor(scenario.Members[1].WhopUserId)))
            .Content.ReadAsStringAsync(Ct);

        Assert.Contains("Your card, Maya1", mine);
        Assert.Contains("Tap below to fix it.", mine);
        Assert.DoesNotContain("Your card", theirs);
        Assert.Contains("Growth Lab", theirs);
    }
}
