using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

[Collection(nameof(ProductionAppCollection))]
public sealed class DashboardQueriesTests(ProductionAppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private DashboardQueries Queries => app.App.Services.GetRequiredService<DashboardQueries>();

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ACompanySeesOnlyItsOwnMembersMembershipsAndPayments()
    {
        var (mine, theirs) = (await SetUpCompanyAsync(), await SetUpCompanyAsync());
        await using (var db = app.CreateDbContext())
        {
            db.AddRange(Membership(theirs, MembershipStatuses.Active), Payment(theirs, "paid", failedDaysAgo: 3, paidDaysAgo: 2));
            db.AddRange(Membership(mine, MembershipStatuses.Active), Payment(mine, "paid", failedDaysAgo: null, paidDaysAgo: 1));
            await db.SaveChangesAsync(Ct);
        }

        var summary = await Queries.GetSummaryAsync(mine.Company.Id, 30, Ct);

        Assert.NotNull(summary);
        Assert.Equal((1, 1, 0), (summary.Members, summary.ActiveMemberships, summary.FailedPayments));
        Assert.Equal([new Money(4900, "usd")], summary.Revenue);
    }

    [Fact]
    public async Task RefundsAndLostDisputesSubtractFromRevenue()
    {
        var mine = await SetUpCompanyAsync();
        await using (var db = app.CreateDbContext())
        {
            var payment = Payment(mine, "paid", failedDaysAgo: null, paidDaysAgo: 2);
            db.AddRange(payment, new Core.Attribution.RevenueAdjustment
            {
                CompanyId = mine.Company.Id, WhopObjectId = $"rfnd_{Guid.NewGuid():N}", WhopPaymentId = payment.Id, AmountCents = -1500,
                CreatedAt = Now.AddDays(-1), UpdatedAt = Now.AddDays(-1),
            });
            await db.SaveChangesAsync(Ct);
        }

        var summary = await Queries.GetSummaryAsync(mine.Company.Id, 7, Ct);

        Assert.Equal([new Money(4900 - 1500, "usd")], summary!.Revenue);
    }

    [Fact]
    public async Task MonthlyRecurringRevenueNormalisesEveryBillingPeriodToAnAverageMonth()
    {
        var graph = await SetUpCompanyAsync();
        await using (var db = app.CreateDbContext())
        {
            var yearly = new Plan { Id = $"plan_y_{graph.Company.Id}", CompanyId = graph.Company.Id, Title = "Yearly", RenewalPriceCents = 365_00, BillingPeriodDays = 365 };
            db.Add(yearly);
            db.AddRange(
                Membership(graph, MembershipStatuses.Active),
                Membership(graph, MembershipStatuses.Canceling),
                Membership(graph, MembershipStatuses.Trialing),
                Membership(graph, MembershipStatuses.PastDue),
                Membership(graph, MembershipStatuses.Canceled),
                Membership(graph, MembershipStatuses.Active, yearly.Id));
            await db.SaveChangesAsync(Ct);
        }

        var summary = await Queries.GetSummaryAsync(graph.Company.Id, 30, Ct);

        // Two paying $49/30-day memberships and one $365/year: 2 × 4900 × 30.4375/30 + 36500 × 30.4375/365.
        Assert.Equal([new Money(9943 + 3044, "usd")], summary!.MonthlyRecurringRevenue);
        Assert.Equal(4, summary.ActiveMemberships);
    }

    [Fact]
    public async Task FailedPaymentsAreCountedInsideThePeriodWithTheirRecoveries()
    {
        var graph = await SetUpCompanyAsync();
        await using (var db = app.CreateDbContext())
        {
            db.AddRange(
                Payment(graph, "paid", failedDaysAgo: 2, paidDaysAgo: 1),
                Payment(graph, "open", failedDaysAgo: 5, paidDaysAgo: null),
                Payment(graph, "open", failedDaysAgo: 20, paidDaysAgo: null),
                Payment(graph, "paid", failedDaysAgo: 45, paidDaysAgo: 44));
            await db.SaveChangesAsync(Ct);
        }

        var week = await Queries.GetSummaryAsync(graph.Company.Id, 7, Ct);
        var quarter = await Queries.GetSummaryAsync(graph.Company.Id, 90, Ct);

        Assert.Equal((2, 1, 0.5), (week!.FailedPayments, week.RecoveredPayments, week.RecoveryRate));
        Assert.Equal((4, 2), (quarter!.FailedPayments, quarter.RecoveredPayments));
        Assert.Equal([new Money(9800, "usd")], quarter.Revenue);
    }

    [Fact]
    public async Task AnUnknownCompanyHasNoSummary() =>
        Assert.Null(await Queries.GetSummaryAsync("biz_not_installed", 30, Ct));

    private async Task<TestGraph> SetUpCompanyAsync()
    {
        await using var db = app.CreateDbContext();
        return await TestGraph.CreateAsync(db);
    }

    private static Membership Membership(TestGraph graph, string status, string? planId = null) => new()
    {
        Id = $"mem_{Guid.NewGuid():N}", CompanyId = graph.Company.Id, MemberId = graph.Member.Id,
        PlanId = planId ?? graph.Plan.Id, Status = status, CreatedAt = Now.AddDays(-40), UpdatedAt = Now.AddDays(-1),
    };

    private static Payment Payment(TestGraph graph, string status, int? failedDaysAgo, int? paidDaysAgo) => new()
    {
        Id = $"pay_{Guid.NewGuid():N}", CompanyId = graph.Company.Id, MemberId = graph.Member.Id, Status = status,
        TotalCents = 4900, FailedAt = failedDaysAgo is { } f ? Now.AddDays(-f) : null,
        PaidAt = paidDaysAgo is { } p ? Now.AddDays(-p) : null, CreatedAt = Now.AddDays(-(failedDaysAgo ?? paidDaysAgo ?? 0)),
    };
}
