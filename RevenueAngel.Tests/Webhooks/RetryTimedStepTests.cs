using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Webhooks;

/// Dunning steps timed before Whop's own next retry of the failed payment, as Whop reports and moves it.
public sealed class RetryTimedStepTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static object Failed(DispatchScenario s, string paymentId, DateTimeOffset at, DateTimeOffset? nextAttempt, int attempts)
    {
        var payment = (Dictionary<string, object?>)WhopEvents.Payment(paymentId, s.CompanyId, s.Members[0].WhopUserId, $"mem_{s.CompanyId}_0", s.Plan.Id, 19m,
            "open", at, billingReason: "subscription_cycle", paymentsFailed: attempts, failure: "Your card has insufficient funds.");
        payment["next_payment_attempt"] = nextAttempt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        payment["retryable"] = nextAttempt is not null;
        return payment;
    }

    private async Task DeliverAsync(DispatchScenario s, object payment, DateTimeOffset at)
    {
        var response = await app.DeliverAsync(WhopEvents.Envelope("payment.failed", s.CompanyId, at, payment));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await app.ProcessAsync();
    }

    [Fact]
    public async Task AStepTimedSixHoursBeforeWhopsRetryFollowsTheRetryWhopReportsAndTheNextStepCountsFromIt()
    {
        var s = await DispatchScenario.CreateAsync(app, members: 1);
        var playbook = await s.PlaybookAsync(PlaybookType.ChurnSave, priority: 100, title: "Card declined, {{ first_name }}",
            body: "Update your card before we try again.", steps: [(0, MessageChannel.Push), (360, MessageChannel.Push), (120, MessageChannel.Push)]);
        await using (var db = app.App.CreateDbContext())
        {
            await db.Playbooks.Where(p => p.Id == playbook.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Trigger, PlaybookTrigger.PaymentFailed), Ct);
            await db.PlaybookSteps.Where(st => st.PlaybookId == playbook.Id && st.Position == 2)
                .ExecuteUpdateAsync(u => u.SetProperty(st => st.Timing, StepTiming.BeforeNextRetry), Ct);
        }
        var now = app.Time.GetUtcNow();
        var paymentId = $"pay_retry_{s.CompanyId}";

        await DeliverAsync(s, Failed(s, paymentId, now, now.AddDays(2), attempts: 1), now);
        Assert.Equal([now, now.AddDays(2).AddHours(-6), now.AddDays(2).AddHours(-4)], await DueTimesAsync(playbook.Id));

        // Whop retried, failed again, and will try once more in three days: the reminder moves with it.
        await DeliverAsync(s, Failed(s, paymentId, now.AddMinutes(1), now.AddDays(3), attempts: 2), now.AddMinutes(1));
        Assert.Equal([now, now.AddDays(3).AddHours(-6), now.AddDays(3).AddHours(-4)], await DueTimesAsync(playbook.Id));

        // No further retry: the steps count from the previous one again.
        await DeliverAsync(s, Failed(s, paymentId, now.AddMinutes(2), null, attempts: 3), now.AddMinutes(2));
        Assert.Equal([now, now.AddHours(6), now.AddHours(8)], await DueTimesAsync(playbook.Id));
    }

    [Fact]
    public async Task TheUpdateCardLinkIsTheMembershipsOwnManageUrlFromWhop()
    {
        var s = await DispatchScenario.CreateAsync(app, members: 1);
        var membershipId = $"mem_manage_{s.CompanyId}";
        var response = await app.DeliverAsync(WhopEvents.Envelope("membership.activated", s.CompanyId, app.Time.GetUtcNow(),
            WhopEvents.Membership(membershipId, s.CompanyId, s.Members[0].WhopUserId, s.Plan.Id, "active", app.Time.GetUtcNow().AddDays(1))));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await app.ProcessAsync();

        await using var db = app.App.CreateDbContext();
        var membership = await db.Memberships.SingleAsync(m => m.Id == membershipId, Ct);
        var company = await db.Companies.SingleAsync(c => c.Id == s.CompanyId, Ct);
        var values = await app.Get<SubjectVariables>().LoadAsync(db, company, PlaybookType.ChurnSave, null, SubjectKind.Member, membership.MemberId,
            app.Time.GetUtcNow().AddDays(1), Ct);
        Assert.Equal($"https://whop.com/billing/manage/mber_{s.Members[0].WhopUserId}/", membership.ManageUrl);
        Assert.Equal(membership.ManageUrl, values.Values["update_payment_url"]);
    }

    [Fact]
    public async Task ACancelRequestKeepsWhopsReasonForRoutingAnUnknownOneIsDropped()
    {
        var s = await DispatchScenario.CreateAsync(app, members: 2);
        async Task<string?> ReasonAfterAsync(int member, string cancelOption)
        {
            var membershipId = $"mem_reason_{member}_{s.CompanyId}";
            var membership = (Dictionary<string, object?>)WhopEvents.Membership(membershipId, s.CompanyId, s.Members[member].WhopUserId, s.Plan.Id,
                "canceling", app.Time.GetUtcNow(), cancelAtPeriodEnd: true);
            membership["cancel_option"] = cancelOption;
            var response = await app.DeliverAsync(WhopEvents.Envelope("membership.cancel_at_period_end_changed", s.CompanyId, app.Time.GetUtcNow(), membership));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            await app.ProcessAsync();
            await using var db = app.App.CreateDbContext();
            return (await db.Memberships.SingleAsync(m => m.Id == membershipId, Ct)).CancelOption;
        }

        Assert.Equal("too_expensive", await ReasonAfterAsync(0, "too_expensive"));
        Assert.Null(await ReasonAfterAsync(1, "<script>"));
    }

    private async Task<List<DateTimeOffset>> DueTimesAsync(long playbookId)
    {
        await using var db = app.App.CreateDbContext();
        return (await db.Sends.Where(x => x.PlaybookId == playbookId).ToListAsync(Ct)).OrderBy(x => x.StepId).Select(x => x.ScheduledFor).ToList();
    }
}

public sealed class RetryTimedStepValidationTests
{
    [Fact]
    public void OnlyAPaymentFailedPlaybookTimesAStepBeforeWhopsRetryAndAtMostFiveDaysBefore()
    {
        var validator = new PlaybookValidator(new LiquidTemplates(Microsoft.Extensions.Options.Options.Create(new MessagingOptions())));
        PlaybookDraft Draft(PlaybookTrigger trigger, int minutes) => new()
        {
            Name = "Dunning", Type = PlaybookType.ChurnSave, Trigger = trigger, Goal = PlaybookGoal.PaymentRecovered,
            Steps = [new StepDraft { Title = "Card declined", Body = "Update your card.", DelayMinutes = minutes, Timing = StepTiming.BeforeNextRetry }],
        };

        Assert.Empty(validator.Validate(Draft(PlaybookTrigger.PaymentFailed, 360), []));
        Assert.Contains("starts on a failed payment", validator.Validate(Draft(PlaybookTrigger.CancelRequested, 360), [])["steps[0].timing"][0]);
        Assert.Contains("At most 5 days", validator.Validate(Draft(PlaybookTrigger.PaymentFailed, 6 * 24 * 60), [])["steps[0].delayMinutes"][0]);
    }
}
