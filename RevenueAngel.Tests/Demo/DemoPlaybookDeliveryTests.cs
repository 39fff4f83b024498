using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Demo;

/// The issue's "done when" on the running demo: a TierLift playbook built and enabled now has its first messages
/// delivered through the demo's fake Whop by the app's own jobs within a minute, and they show on the list.
public sealed class DemoPlaybookDeliveryTests(DemoWebFixture demo) : IClassFixture<DemoWebFixture>
{
    private const string CompanyId = "biz_demo";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEnabledTierLiftPlaybookDeliversThroughTheFakeWhopWithinAMinute()
    {
        string basicPlan;
        await using (var db = demo.App.CreateDbContext())
            basicPlan = await db.Plans.Where(p => p.CompanyId == CompanyId).OrderBy(p => p.RenewalPriceCents).Select(p => p.Id).FirstAsync(Ct);
        var draft = new PlaybookDraft
        {
            Name = "Basic to Pro, this week", Type = PlaybookType.Upsell, Goal = PlaybookGoal.Upgrade, HoldoutPercent = 10,
            TargetRules = $$"""{"all":[{"field":"membership_status","op":"in","value":["active"]},{"field":"plan","op":"in","value":["{{basicPlan}}"]}]}""",
            Steps = [new StepDraft { DelayMinutes = 0, Channel = MessageChannel.Push, Title = "Ready for Pro, {{ first_name }}?", Body = "{{ upgrade_plan_name }} adds live calls for {{ upgrade_plan_price }}.", CtaLabel = "Upgrade", CtaUrl = "{{ checkout_url }}" }],
        };
        var saved = await demo.App.Services.GetRequiredService<PlaybookEditor>().CreateAsync(new CompanyScope(CompanyId), draft, Ct);
        Assert.True(saved.Saved, string.Join("; ", saved.Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
        var playbookId = saved.Id!.Value;

        Assert.True(await demo.App.Services.GetRequiredService<PlaybookCatalog>().SetEnabledAsync(new CompanyScope(CompanyId), playbookId, true, Ct));

        var store = demo.App.Services.GetRequiredService<FakeWhopStore>();
        List<long> sent = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && sent.Count == 0)
        {
            await Task.Delay(1000, Ct);
            await using var db = demo.App.CreateDbContext();
            sent = await db.Sends.Where(s => s.PlaybookId == playbookId && s.Status == SendStatus.Sent).Select(s => s.Id).ToListAsync(Ct);
        }

        Assert.NotEmpty(sent);
        var delivered = store.Deliveries.Where(d => d.Kind == "notification").Select(d => d.IdempotencyKey).ToHashSet();
        Assert.All(sent, id => Assert.Contains($"ra-send-{id}", delivered));
        var row = (await demo.App.Services.GetRequiredService<PlaybookCatalog>().ListAsync(CompanyId, Ct)).Single(p => p.Id == playbookId);
        Assert.True(row.Enabled);
        Assert.True(row.SendsLast7Days >= sent.Count);
        Assert.True(row.AudienceSize >= row.ActiveEnrollments);
    }
}
