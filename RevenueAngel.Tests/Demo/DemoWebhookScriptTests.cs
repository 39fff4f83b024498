using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Demo;

/// The webhook issue's "done when" on the running demo, driven by scripts/send-webhook.sh: a signed payment.failed
/// shows on Activity, enrols the member in the recovery playbook and its first message goes out through the fake
/// Whop; a signed payment.succeeded then records an attributed recovery and stops the sequence.
public sealed class DemoWebhookScriptTests(DemoWebFixture demo) : IClassFixture<DemoWebFixture>
{
    private const string CompanyId = "biz_demo";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFailedThenRecoveredPaymentPostedByTheScriptRunsTheRecoveryPlaybookEndToEnd()
    {
        var number = await QuietActiveMemberAsync();
        var paymentId = $"pay_script_{number:D5}";

        await RunScriptAsync("payment.failed", number);

        var enrollment = await EventuallyAsync(async db => await db.Enrollments.SingleOrDefaultAsync(e => e.TriggerKey == paymentId, Ct));
        var sent = await EventuallyAsync(async db => await db.Sends.FirstOrDefaultAsync(s => s.EnrollmentId == enrollment.Id && s.Status == SendStatus.Sent, Ct));
        Assert.Contains($"ra-send-{sent.Id}", demo.App.Services.GetRequiredService<FakeWhopStore>().Deliveries.Select(d => d.IdempotencyKey));
        var activity = await demo.App.Services.GetRequiredService<WebhookActivity>().ListAsync(CompanyId, new WebhookFilter(Search: paymentId), Ct);
        Assert.Equal(("payment.failed", WebhookEventStatus.Processed), (activity.Single().EventType, activity.Single().Status));

        await RunScriptAsync("payment.succeeded", number);

        var conversion = await EventuallyAsync(async db => await db.Conversions.SingleOrDefaultAsync(c => c.WhopPaymentId == paymentId, Ct));
        Assert.Equal((ConversionType.Recovery, sent.Id), (conversion.Type, conversion.AttributedSendId));
        await using var check = demo.App.CreateDbContext();
        Assert.Equal(EnrollmentStatus.Converted, check.Enrollments.Single(e => e.Id == enrollment.Id).Status);
        Assert.DoesNotContain(check.Sends.Where(s => s.EnrollmentId == enrollment.Id), s => s.Status == SendStatus.Scheduled);
    }

    /// A demo member with an active Basic membership, no message in the last week (the frequency cap) and no
    /// running ChurnSave sequence.
    private async Task<int> QuietActiveMemberAsync()
    {
        await using var db = demo.App.CreateDbContext();
        var weekAgo = DateTimeOffset.UtcNow.AddDays(-8);
        var busy = db.Enrollments.Where(e => e.CompanyId == CompanyId
            && (e.Status == EnrollmentStatus.Active || db.Sends.Any(s => s.EnrollmentId == e.Id && s.SentAt > weekAgo))).Select(e => e.SubjectId);
        var membershipId = await db.Memberships
            .Where(m => m.CompanyId == CompanyId && m.Status == MembershipStatuses.Active && m.PlanId == "plan_demo_basic" && !busy.Contains(m.MemberId))
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(Ct);
        return int.Parse(membershipId["mem_demo_".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task RunScriptAsync(string type, int number)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "send-webhook.sh"), type, number.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["RA_URL"] = demo.BaseUrl;
        using var script = Process.Start(start)!;
        var output = await script.StandardOutput.ReadToEndAsync(Ct) + await script.StandardError.ReadToEndAsync(Ct);
        await script.WaitForExitAsync(Ct);
        Assert.True(script.ExitCode == 0 && output.TrimEnd().EndsWith("200", StringComparison.Ordinal), output);
    }

    private async Task<T> EventuallyAsync<T>(Func<Core.Persistence.RevenueAngelDbContext, Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 60; i++)
        {
            await using (var db = demo.App.CreateDbContext())
                if (await probe(db) is { } found) return found;
            await Task.Delay(500, Ct);
        }
        throw new TimeoutException("Not there after 30 s.");
    }
}
