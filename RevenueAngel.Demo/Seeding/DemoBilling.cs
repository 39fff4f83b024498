using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;

namespace RevenueAngel.Demo;

/// Simulates each member's subscription cycle by cycle: renewals, failures (most recovered within Whop's
/// ~5 day retry window), churn and Basic → Pro upgrades. Payments are kept for the last 90 days.
internal sealed class DemoBilling(Random random, DateTimeOffset now, IReadOnlyDictionary<string, Plan> plans)
{
    private const double FailureRate = 0.08;
    private const double RecoveryRate = 0.6;
    private const double ChurnRate = 0.04;
    private const double UpgradeRate = 0.06;
    private static readonly TimeSpan RetryWindow = TimeSpan.FromDays(5);

    private readonly DateTimeOffset _keepPaymentsFrom = now.AddDays(-90);
    private int _paymentNumber;

    public DemoHistory History { get; } = new();

    public void Subscribe(Member member, int index)
    {
        var plan = random.NextDouble() switch { < 0.6 => plans["plan_demo_basic"], < 0.9 => plans["plan_demo_pro"], _ => plans["plan_demo_elite"] };
        var membership = new Membership
        {
            Id = $"mem_demo_{index:D5}", CompanyId = member.CompanyId, MemberId = member.Id, PlanId = plan.Id,
            ProductId = plan.ProductId, Status = MembershipStatuses.Active, CreatedAt = member.CreatedAt,
        };
        History.Memberships.Add(membership);

        var cycleStart = member.CreatedAt;
        var first = true;
        while (cycleStart <= now)
        {
            var reason = first ? "subscription_create" : "subscription_cycle";
            if (!first && plan.Id == "plan_demo_basic" && random.NextDouble() < UpgradeRate)
            {
                plan = plans["plan_demo_pro"];
                membership.PlanId = plan.Id;
                reason = "subscription_update";
            }

            var payment = NewPayment(membership, plan, reason, cycleStart);
            if (first) History.FirstPayments.Add((member, payment));
            else if (reason == "subscription_update") History.Upgrades.Add((member, payment));

            // Only renewals fail: a failed checkout never becomes a membership, and one payment converts once.
            if (reason == "subscription_cycle" && random.NextDouble() < FailureRate && !Fail(member, membership, payment, cycleStart)) break;

            membership.RenewalPeriodEnd = cycleStart.AddDays(plan.BillingPeriodDays!.Value);
            membership.UpdatedAt = payment.UpdatedAt;
            if (random.NextDouble() < ChurnRate)
            {
                Churn(membership);
                break;
            }
            cycleStart = membership.RenewalPeriodEnd.Value;
            first = false;
        }
    }

    /// Returns whether the membership carries on (recovered or still in the retry window).
    private bool Fail(Member member, Membership membership, Payment payment, DateTimeOffset at)
    {
        payment.FailedAt = at;
        payment.PaidAt = null;
        payment.FailureMessage = random.NextDouble() < 0.7 ? "Your card has insufficient funds." : "Your card has expired.";
        payment.DeclineReason = DeclineReasons.Of(null, payment.FailureMessage);
        payment.PaymentsFailed = 1;
        var recoveredAt = at.AddHours(random.Next(2, 110));
        if (random.NextDouble() < RecoveryRate && recoveredAt <= now)
        {
            payment.Status = PaymentStatuses.Paid;
            payment.Substatus = "succeeded";
            payment.PaidAt = recoveredAt;
            payment.UpdatedAt = recoveredAt;
            History.Failures.Add((member, payment, recoveredAt, null));
            return true;
        }

        if (at + RetryWindow > now)
        {
            payment.Status = PaymentStatuses.Open;
            payment.Substatus = "past_due";
            payment.NextPaymentAttempt = now.AddHours(random.Next(2, 24));
            payment.UpdatedAt = at;
            membership.Status = MembershipStatuses.PastDue;
            membership.UpdatedAt = at;
            History.Failures.Add((member, payment, null, null));
            return false;
        }

        var lostAt = at + RetryWindow;
        payment.Status = PaymentStatuses.Uncollectible;
        payment.Substatus = "failed";
        payment.UpdatedAt = lostAt;
        membership.Status = MembershipStatuses.Canceled;
        membership.UpdatedAt = lostAt;
        History.Failures.Add((member, payment, null, lostAt));
        return false;
    }

    private void Churn(Membership membership)
    {
        if (membership.RenewalPeriodEnd > now)
        {
            membership.Status = MembershipStatuses.Canceling;
            membership.CancelAtPeriodEnd = true;
        }
        else
        {
            membership.Status = MembershipStatuses.Canceled;
            membership.UpdatedAt = membership.RenewalPeriodEnd!.Value;
        }
    }

    private Payment NewPayment(Membership membership, Plan plan, string billingReason, DateTimeOffset at)
    {
        var payment = new Payment
        {
            Id = $"pay_demo_{++_paymentNumber:D6}", CompanyId = membership.CompanyId, MembershipId = membership.Id,
            MemberId = membership.MemberId, PlanId = plan.Id, Status = PaymentStatuses.Paid, Substatus = "succeeded",
            BillingReason = billingReason, TotalCents = plan.RenewalPriceCents, Currency = plan.Currency,
            PaidAt = at, CreatedAt = at, UpdatedAt = at,
        };
        if (at >= _keepPaymentsFrom) History.Payments.Add(payment);
        return payment;
    }
}
