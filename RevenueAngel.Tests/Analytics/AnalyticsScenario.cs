using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Analytics;

/// Hand-built history of one company, dated in days before <see cref="Now"/> (noon UTC), and a noisy neighbour.
///
/// Last 7 days: ChurnSave step 1 sent to c1–c4 (c1, c2 clicked), step 2 sent to c1 and due for c2; Nurture sent to n1
/// (clicked) and n2. Conversions: recovery $49 on c3's message, refunded $15; save $29 on c1's step 2; first purchase
/// $99 on n1's message; an unattributed recovery $49; a €10 recovery on c4's message. A holdout enrolment c5.
/// The 7 days before: p1 sent and recovered $20. Three weeks ago: a $100 recovery on p1's message.
public sealed class AnalyticsScenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public required string CompanyId { get; init; }
    public required Playbook ChurnSave { get; init; }
    public required Playbook Nurture { get; init; }
    public required Playbook Upsell { get; init; }

    public static DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);

    /// In a new company, or in <paramref name="installedCompanyId"/> when the app was installed there already.
    /// The scenario's week as the analytics endpoints take it.
    public const string WeekQuery = "from=2026-10-26&to=2026-11-01";

    /// The scenario in a company installed through the app (with an admin token for it), beside a neighbour's.
    public static async Task<(AnalyticsScenario Mine, string Token)> InstalledWithNeighbourAsync(Infrastructure.WhopAppFixture fixture)
    {
        var company = new Infrastructure.FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var token = fixture.AdminTokenFor(company.CompanyId);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{company.CompanyId}", token)).StatusCode);
        await using var db = fixture.App.CreateDbContext();
        await CreateAsync(db, "Neighbour");
        return (await CreateAsync(db, installedCompanyId: company.CompanyId), token);
    }

    public static async Task<AnalyticsScenario> CreateAsync(RevenueAngelDbContext db, string? name = null, string? installedCompanyId = null)
    {
        var companyId = installedCompanyId ?? $"biz_{Guid.NewGuid():N}"[..18];
        if (installedCompanyId is null) db.Companies.Add(new Company { Id = companyId, Name = name ?? "Analytics Co", InstalledAt = DaysAgo(60) });
        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "We miss you", Body = "b" };
        db.Add(template);
        await db.SaveChangesAsync();

        Playbook NewPlaybook(string title, PlaybookType type, int steps)
        {
            var playbook = new Playbook { CompanyId = companyId, Name = title, Type = type, Enabled = true, CreatedAt = DaysAgo(60) };
            for (var i = 1; i <= steps; i++) playbook.Steps.Add(new PlaybookStep { Position = i, Channel = MessageChannel.Push, TemplateId = template.Id });
            return playbook;
        }
        var churn = NewPlaybook("Payment rescue", PlaybookType.ChurnSave, 2);
        var nurture = NewPlaybook("Welcome", PlaybookType.Nurture, 1);
        var upsell = NewPlaybook("Go Pro", PlaybookType.Upsell, 1);
        var deleted = NewPlaybook("Old idea", PlaybookType.Upsell, 1);
        deleted.DeletedAt = DaysAgo(30);
        db.AddRange(churn, nurture, upsell, deleted);
        await db.SaveChangesAsync();

        var history = new History(db, companyId);
        var c1 = await history.EnrolAsync(churn, "c1", 6);
        var c2 = await history.EnrolAsync(churn, "c2", 5);
        var c3 = await history.EnrolAsync(churn, "c3", 3);
        var c4 = await history.EnrolAsync(churn, "c4", 2);
        await history.EnrolAsync(churn, "c5", 2, HoldoutSplit.Holdout);
        var n1 = await history.EnrolAsync(nurture, "n1", 4);
        var n2 = await history.EnrolAsync(nurture, "n2", 3);
        var p1 = await history.EnrolAsync(churn, "p1", 10);

        history.Sent(c1, churn.Steps[0], 6, clicked: true);
        history.Sent(c2, churn.Steps[0], 5, clicked: true);
        var c3Step1 = history.Sent(c3, churn.Steps[0], 3);
        var c4Step1 = history.Sent(c4, churn.Steps[0], 2);
        var c1Step2 = history.Sent(c1, churn.Steps[1], 1);
        history.Due(c2, churn.Steps[1], 1.0 / 24);
        var n1Send = history.Sent(n1, nurture.Steps[0], 4, clicked: true);
        history.Sent(n2, nurture.Steps[0], 3);
        var p1Send = history.Sent(p1, churn.Steps[0], 10);
        await db.SaveChangesAsync();

        var refunded = history.Converted(ConversionType.Recovery, 4900, 2, c3Step1, c3);
        history.Converted(ConversionType.Save, 2900, 1, c1Step2, c1);
        history.Converted(ConversionType.FirstPurchase, 9900, 3, n1Send, n1);
        history.Converted(ConversionType.Recovery, 4900, 4, send: null, enrollment: null);
        history.Converted(ConversionType.Recovery, 1000, 1.5, c4Step1, enrollment: null, currency: "eur");
        history.Converted(ConversionType.Recovery, 2000, 9, p1Send, p1);
        history.Converted(ConversionType.Recovery, 10000, 20, p1Send, enrollment: null);
        await db.SaveChangesAsync();

        db.RevenueAdjustments.Add(new RevenueAdjustment
        {
            CompanyId = companyId, WhopObjectId = $"rfnd_{Guid.NewGuid():N}", Kind = AdjustmentKind.Refund, WhopPaymentId = refunded.WhopPaymentId,
            ConversionId = refunded.Id, AmountCents = -1500, CreatedAt = DaysAgo(0.5), UpdatedAt = DaysAgo(0.5),
        });
        await db.SaveChangesAsync();
        return new AnalyticsScenario { CompanyId = companyId, ChurnSave = churn, Nurture = nurture, Upsell = upsell };
    }

    private sealed class History(RevenueAngelDbContext db, string companyId)
    {
        public async Task<Enrollment> EnrolAsync(Playbook playbook, string member, double daysAgo, string group = HoldoutSplit.Treatment)
        {
            var subject = new Member { CompanyId = companyId, WhopUserId = $"user_{member}", Name = $"Member {member}", CreatedAt = DaysAgo(60) };
            db.Add(subject);
            await db.SaveChangesAsync();
            var enrollment = new Enrollment { CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = subject.Id, Group = group, EnteredAt = DaysAgo(daysAgo) };
            db.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment;
        }

        public Send Sent(Enrollment enrollment, PlaybookStep step, double daysAgo, bool clicked = false)
        {
            var send = Send.Schedule(companyId, enrollment.PlaybookId, step.Id, enrollment.Id, MessageChannel.Push, DaysAgo(daysAgo));
            send.Claim(DaysAgo(daysAgo).AddMinutes(5));
            send.MarkSent(DaysAgo(daysAgo), externalId: null, new RenderedMessage("We miss you", "b", null, null));
            if (clicked) send.RecordClick(DaysAgo(daysAgo).AddMinutes(10));
            db.Add(send);
            return send;
        }

        public void Due(Enrollment enrollment, PlaybookStep step, double daysAgo) =>
            db.Add(Send.Schedule(companyId, enrollment.PlaybookId, step.Id, enrollment.Id, MessageChannel.Push, DaysAgo(daysAgo)));

        public Conversion Converted(ConversionType type, long cents, double daysAgo, Send? send, Enrollment? enrollment, string currency = "usd")
        {
            var conversion = new Conversion
            {
                CompanyId = companyId, WhopPaymentId = $"pay_{Guid.NewGuid():N}", Type = type, RevenueCents = cents, Currency = currency,
                MemberId = enrollment?.SubjectId, AttributedSendId = send?.Id, AttributedPlaybookId = send?.PlaybookId, AttributedStepId = send?.StepId, CreatedAt = DaysAgo(daysAgo), AttributionWindowDays = 7,
                AttributionMethod = send is null ? AttributionMethod.None : AttributionMethod.Delivery,
            };
            enrollment?.Convert(DaysAgo(daysAgo));
            db.Add(conversion);
            return conversion;
        }
    }
}
