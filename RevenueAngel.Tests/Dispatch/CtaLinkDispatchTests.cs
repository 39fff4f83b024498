using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Tests.Dispatch;

/// A call to action is checked on every real render, not only on the sample the editor validated.
public sealed class CtaLinkDispatchTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALinkThatRendersAsAScriptForOneMemberFailsThatSendAndDeliversTheOthers()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 2);
        var playbook = await scenario.PlaybookAsync(steps: [(0, MessageChannel.DirectMessage)]);
        await using (var db = app.App.CreateDbContext())
        {
            var template = db.MessageTemplates.Single(t => t.Id == playbook.Steps[0].TemplateId);
            // The sample member (Maya) gets the https link, so the editor accepted it; Maya1 gets a script.
            (template.CtaLabel, template.CtaUrl) = ("Open", "{% if first_name == 'Maya1' %}javascript:alert(1){% else %}https://whop.com/hub{% endif %}");
            await db.SaveChangesAsync(Ct);
            Assert.Empty(app.Get<LiquidTemplates>().Validate(template, Ct));
        }
        var sends = await scenario.EnrollAsync(playbook);

        await app.Get<Dispatcher>().RunAsync(Ct);

        var scripted = await scenario.ReloadAsync(sends[0].Id);
        Assert.Equal(SendStatus.Failed, scripted.Status);
        Assert.Contains("not an http(s) address", scripted.LastError);
        Assert.Null(scripted.CtaUrl);
        Assert.Equal(SendStatus.Sent, (await scenario.ReloadAsync(sends[1].Id)).Status);
        var delivered = Assert.Single(scenario.Deliveries("message"));
        Assert.DoesNotContain("javascript:", delivered.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://whop.com/hub", DispatchScenario.Json(delivered).GetProperty("content").GetString());
    }
}
