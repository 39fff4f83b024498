using Microsoft.EntityFrameworkCore;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// The member page shows a message's button only for a link that is safe to follow.
public sealed class ExperienceMessageLinkTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStoredScriptLinkIsNeverEmittedAsTheButtonsHref()
    {
        var scenario = await Dispatch.DispatchScenario.CreateAsync(fixture, members: 1);
        var playbook = await scenario.PlaybookAsync(title: "Your card, {{ first_name }}", body: "Tap below to fix it.");
        await using (var db = fixture.App.CreateDbContext())
        {
            var template = db.MessageTemplates.Single(t => t.Id == playbook.Steps[0].TemplateId);
            (template.CtaLabel, template.CtaUrl) = ("Fix it", "https://whop.com/hub");
            await db.SaveChangesAsync(Ct);
        }
        var send = (await scenario.EnrollAsync(playbook)).Single();
        await fixture.Get<Core.Dispatch.Dispatcher>().RunAsync(Ct);
        var experienceId = scenario.Company.WhopExperienceId!;
        var member = scenario.Members[0].WhopUserId;
        fixture.Whop.Store.Grant(member, experienceId, "customer");
        async Task<string> PageAsync() =>
            await (await fixture.GetAsync($"/experiences/{experienceId}/messages/{send.Id}", fixture.TokenFor(member))).Content.ReadAsStringAsync(Ct);

        Assert.Contains("href=\"https://whop.com/hub\"", await PageAsync());

        // A row written before every render checked its link.
        await using (var db = fixture.App.CreateDbContext())
            await db.Sends.Where(s => s.Id == send.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CtaUrl, "javascript:alert(1)"), Ct);
        var page = await PageAsync();

        Assert.Contains("Your card, Maya1", page);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Fix it", page);
    }
}
