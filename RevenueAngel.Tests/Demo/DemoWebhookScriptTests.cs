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

    /// ChurnSave's "done when" on the demo: a failed renewal leads to the recovery's messages, the second carries a
    /// working link to the member's pause offer; accepting it pauses the membership in the fake Whop, which is resumed
    /// on its date; the dashboard shows the save pending, then confirmed when the renewal is paid.
    [Fact]
    public async Task AFailedPaymentLeadsToAPauseOfferThatPausesResumesAndCountsWhenTheRenewalIsPaid()
    {
        var (number, enrollment) = await FailedRenewalInTreatmentAsync();
        var userId = $"user_demo_{number:D5}";
        var membershipId = $"mem_demo_{number:D5}";
        var paymentId = $"pay_script_{number:D5}";
        var store = demo.App.Services.GetRequiredService<FakeWhopStore>();

        // Step 2 waits a day after step 1; the test brings its time forward instead of waiting.
        await EventuallyAsync(async db => await db.Sends.FirstOrDefaultAsync(s => s.EnrollmentId == enrollment.Id && s.Status == SendStatus.Sent, Ct));
        var second = await EventuallyAsync(async db => await db.Sends.OrderBy(s => s.Id)
            .Where(s => s.EnrollmentId == enrollment.Id && s.Status == SendStatus.Scheduled).FirstOrDefaultAsync(Ct));
        await using (var db = demo.App.CreateDbContext())
            await db.Sends.Where(s => s.Id == second.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduledFor, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
        await EventuallyAsync(async db => await db.Sends.FirstOrDefaultAsync(s => s.Id == second.Id && s.Status == SendStatus.Sent, Ct));

        var delivered = store.Deliveries.Single(d => d.IdempotencyKey == $"ra-send-{second.Id}");
        // The message's button is a tracked link that redirects to the member's offer page.
        var tracked = System.Text.RegularExpressions.Regex.Match(delivered.Body, @"\(https?://[^)\s]+/r/[A-Za-z0-9_-]+\)");
        Assert.True(tracked.Success, delivered.Body);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await http.GetAsync(tracked.Value.Trim('(', ')'), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, redirect.StatusCode);
        var link = System.Text.RegularExpressions.Regex.Match(redirect.Headers.Location!.ToString(), @"/experiences/(?<exp>[^/]+)/offers/(?<token>[A-Za-z0-9_-]+)$");
        Assert.True(link.Success, redirect.Headers.Location.ToString());
        var offers = demo.App.Services.GetRequiredService<RevenueAngel.Core.Offers.OfferService>();
        var view = await offers.FindAsync(link.Groups["exp"].Value, link.Groups["token"].Value, userId, Ct);
        Assert.Equal((RevenueAngel.Core.Offers.OfferKind.Pause, 30), (view!.Kind, view.PauseDays));

        var accepted = await offers.AcceptAsync(link.Groups["exp"].Value, link.Groups["token"].Value, userId, Ct);

        Assert.Equal(RevenueAngel.Core.Offers.OfferOutcome.Accepted, accepted.Outcome);
        Assert.True(store.Memberships[membershipId].Paused);
        var save = await EventuallyAsync(async db => await db.Conversions.SingleOrDefaultAsync(c => c.WhopMembershipId == membershipId && c.Type == ConversionType.Save, Ct));
        Assert.Equal(ConversionState.Pending, save.State);
        Assert.True((await ChurnSaveTodayAsync()).SavesPending >= 1);

        // The pause's date comes: the maintenance job resumes the membership on Whop.
        await using (var db = demo.App.CreateDbContext())
            await db.SaveOffers.Where(o => o.Id == save.SaveOfferId).ExecuteUpdateAsync(u => u.SetProperty(o => o.ResumeAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
        await demo.App.Services.GetRequiredService<RevenueAngel.Core.Offers.OfferMaintenance>().RunAsync(Ct);
        Assert.False(store.Memberships[membershipId].Paused);

        await RunScriptAsync("payment.succeeded", number);

        save = await EventuallyAsync(async db => await db.Conversions.SingleOrDefaultAsync(c => c.Id == save.Id && c.State == ConversionState.Confirmed, Ct));
        Assert.Equal(paymentId, save.ConfirmedByPaymentId);
        var report = await ChurnSaveTodayAsync();
        Assert.True(report.SavesConfirmed >= 1 && report.ByOffer.Single(o => o.Kind == RevenueAngel.Core.Offers.OfferKind.Pause).SavesConfirmed >= 1);
        await using var check = demo.App.CreateDbContext();
        Assert.Equal(ConversionType.Recovery, (await check.Conversions.SingleAsync(c => c.WhopPaymentId == paymentId, Ct)).Type);
    }

    private async Task<Core.Analytics.ChurnSaveReport> ChurnSaveTodayAsync() =>
        (await demo.App.Services.GetRequiredService<Core.Analytics.AnalyticsQueries>()
            .GetOverviewAsync(CompanyId, Core.Analytics.AnalyticsWindow.LastDays(1, DateTimeOffset.UtcNow.AddMinutes(1)), Ct))!.ChurnSave!;

    /// A quiet member's renewal fails through the script and the recovery enrols them in its treatment group (the
    /// demo holds some members out; those get no message, so the next quiet member is tried).
    private async Task<(int Number, Enrollment Enrollment)> FailedRenewalInTreatmentAsync()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var number = await QuietActiveMemberAsync();
            await RunScriptAsync("payment.failed", number);
            var paymentId = $"pay_script_{number:D5}";
            var enrollment = await EventuallyAsync(async db => await db.Enrollments.SingleOrDefaultAsync(e => e.TriggerKey == paymentId, Ct));
            if (enrollment.Group != "holdout") return (number, enrollment);
        }
        throw new InvalidOperationException("Ten failed renewals in a row were all held out.");
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
