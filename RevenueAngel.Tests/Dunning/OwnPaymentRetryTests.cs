using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dunning;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Dunning;

/// Our own retries of failed payments on a playbook's paydays, through the real client against the fake Whop.
public sealed class OwnPaymentRetryTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    /// A company whose recovery playbook chases one open, retryable payment; the playbook retries on today's date.
    private async Task<(string CompanyId, string PaymentId, long PlaybookId)> ChasedPaymentAsync(bool retryable = true, TimeSpan? whopRetryIn = null,
        int? payday = null, int limit = 2, bool afterClick = false)
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var membership = company.AddMember(1, status: "past_due");
        var fake = company.AddPayment(membership, 19.99m, status: "open", substatus: "past_due");
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId));
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        await using var db = fixture.App.CreateDbContext();
        var member = await db.Members.SingleAsync(m => m.CompanyId == company.CompanyId, Ct);
        db.Payments.Add(new Payment
        {
            Id = fake.Id, CompanyId = company.CompanyId, MembershipId = membership.Id, MemberId = member.Id, Status = "open", TotalCents = 1999,
            FailedAt = Now.AddDays(-1), Retryable = retryable, NextPaymentAttempt = Now + (whopRetryIn ?? TimeSpan.FromDays(2)), CreatedAt = Now.AddDays(-1),
            UpdatedAt = Now.AddDays(-1),
        });
        var playbook = await db.Playbooks.SingleAsync(p => p.CompanyId == company.CompanyId && p.Type == PlaybookType.ChurnSave, Ct);
        (playbook.Enabled, playbook.OwnRetryDays, playbook.OwnRetryLimit, playbook.OwnRetryAfterClick) = (true, (payday ?? Now.Day).ToString(), limit, afterClick);
        db.Enrollments.Add(new Enrollment
        {
            CompanyId = company.CompanyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Member, SubjectId = member.Id, EntryNumber = 1,
            Group = HoldoutSplit.Treatment, EnteredAt = Now.AddDays(-1), TriggerKey = fake.Id,
        });
        await db.SaveChangesAsync(Ct);
        return (company.CompanyId, fake.Id, playbook.Id);
    }

    private int WhopRetries(string paymentId) => 
        fixture.Whop.Store.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains($"/payments/{paymentId}/retry", StringComparison.Ordinal));

    private async Task<List<PaymentRetry>> RecordedAsync(string paymentId)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.PaymentRetries.Where(r => r.PaymentId == paymentId).ToListAsync(Ct);
    }

    [Fact]
    public async Task OnAPaydayARetryablePaymentIsRetriedOnceThatDayAndTheAttemptRecorded()
    {
        var (_, paymentId, playbookId) = await ChasedPaymentAsync();

        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);

        var retry = Assert.Single(await RecordedAsync(paymentId));
        Assert.Equal((true, "paid", playbookId), (retry.Accepted, retry.Result, retry.PlaybookId));
        Assert.Equal(1, WhopRetries(paymentId));
    }

    /// The member opened a link in the playbook's message at <paramref name="at"/> (a delivered send of their enrollment).
    private async Task ClickedAsync(string paymentId, DateTimeOffset at)
    {
        await using var db = fixture.App.CreateDbContext();
        var enrollment = await db.Enrollments.SingleAsync(e => e.TriggerKey == paymentId, Ct);
        var step = await db.PlaybookSteps.Where(s => s.PlaybookId == enrollment.PlaybookId).OrderBy(s => s.Position).FirstAsync(Ct);
        var send = Core.Dispatch.Send.Schedule(enrollment.CompanyId, enrollment.PlaybookId, step.Id, enrollment.Id, step.Channel, at.AddHours(-1));
        send.Claim(at);
        send.MarkSent(at.AddMinutes(-30), null, new Core.Messaging.RenderedMessage("Card declined", "Update it here", null, null));
        db.Sends.Add(send);
        await db.SaveChangesAsync(Ct);
        await db.Sends.Where(s => s.Id == send.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClickedAt, at), Ct);
    }

    [Fact]
    public async Task AfterTheMemberOpensOurLinkThePaymentIsRetriedHalfAnHourLaterOncePerClick()
    {
        // Not a payday today or tomorrow: only the click can make a retry here.
        var otherDay = Enumerable.Range(1, 28).First(d => d != Now.Day && d != Now.AddDays(1).Day);
        var (_, paymentId, _) = await ChasedPaymentAsync(payday: otherDay, afterClick: true, limit: 3);
        var (_, notAsked, _) = await ChasedPaymentAsync(payday: otherDay);
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);
        Assert.Equal(0, WhopRetries(paymentId));

        await ClickedAsync(paymentId, Now.AddMinutes(-10));
        await ClickedAsync(notAsked, Now.AddHours(-2));
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);
        Assert.Equal((0, 0), (WhopRetries(paymentId), WhopRetries(notAsked)));

        fixture.Time.Advance(TimeSpan.FromMinutes(25));
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);
        fixture.Time.Advance(TimeSpan.FromDays(1));
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);

        Assert.Equal(1, WhopRetries(paymentId));
        Assert.Single(await RecordedAsync(paymentId));
        Assert.Equal(0, WhopRetries(notAsked));
    }

    [Fact]
    public async Task NoRetryWhenWhopSaysItCannotBeRetriedWithinAnHourOfWhopsOwnRetryOrOffThePayday()
    {
        var (_, notRetryable, _) = await ChasedPaymentAsync(retryable: false);
        var (_, whopSoon, _) = await ChasedPaymentAsync(whopRetryIn: TimeSpan.FromMinutes(40));
        var (_, otherDay, _) = await ChasedPaymentAsync(payday: Now.Day == 1 ? 2 : 1);

        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);

        foreach (var paymentId in new[] { notRetryable, whopSoon, otherDay })
        {
            Assert.Empty(await RecordedAsync(paymentId));
            Assert.Equal(0, WhopRetries(paymentId));
        }
    }

    [Fact]
    public async Task AtMostTheLimitOfRetriesAndARefusalIsRecordedWithWhopsReason()
    {
        var (_, paymentId, _) = await ChasedPaymentAsync(limit: 1);
        // Whop no longer lets it be retried (the membership moved on), though our row still says so.
        fixture.Whop.Store.Memberships.Values.Single(m => fixture.Whop.Store.Payments[paymentId].MembershipId == m.Id).Status = "canceled";

        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);
        // The same payday a month later.
        fixture.Time.Advance(TimeSpan.FromDays(DateTime.DaysInMonth(Now.Year, Now.Month)));
        await using (var db = fixture.App.CreateDbContext())
            await db.Payments.Where(p => p.Id == paymentId).ExecuteUpdateAsync(u => u.SetProperty(p => p.NextPaymentAttempt, Now.AddDays(2)), Ct);
        await fixture.Get<OwnPaymentRetries>().RunAsync(Ct);

        var retry = Assert.Single(await RecordedAsync(paymentId));
        Assert.False(retry.Accepted);
        Assert.Contains("not retryable", retry.Result);
        Assert.Equal(1, WhopRetries(paymentId));
    }
}
