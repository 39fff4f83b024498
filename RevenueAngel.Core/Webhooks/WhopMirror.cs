using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// Applies one Whop object from an event to our copy, inside the event's transaction. Whop's `updated_at`
/// decides: an object older than what we hold changes nothing (deliveries come twice and out of order).
public sealed class WhopMirror(WhopClient whop)
{
    public async Task<Member?> MemberAsync(RevenueAngelDbContext db, string companyId, WhopUserRef? user, string? whopMemberId,
        DateTimeOffset seenAt, WebhookBatchMemory memory, CancellationToken ct)
    {
        if (user?.Id is null) return null;
        Member? member;
        if (memory.TryRecallMember(companyId, user.Id, out var recalled))
        {
            member = recalled;
            if (member is not null) db.Members.Attach(member);
        }
        else member = await db.Members.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.WhopUserId == user.Id, ct);
        if (member is null)
        {
            member = new Member { CompanyId = companyId, WhopUserId = user.Id, CreatedAt = seenAt };
            db.Members.Add(member);
        }
        member.WhopMemberId = whopMemberId ?? member.WhopMemberId;
        member.Name = user.Name ?? member.Name;
        member.Username = user.Username ?? member.Username;
        member.Email = user.Email ?? member.Email;
        await db.SaveChangesAsync(ct);
        memory.RememberMember(member);
        return member;
    }

    /// A plan we have not seen (created since the last sync) is fetched from Whop.
    public async Task EnsurePlanAsync(RevenueAngelDbContext db, string companyId, string? planId, WebhookBatchMemory memory, CancellationToken ct)
    {
        if (planId is null || memory.KnowsPlan(planId)) return;
        if (await db.Plans.AnyAsync(p => p.Id == planId, ct))
        {
            memory.RememberPlan(planId);
            return;
        }
        var plan = await whop.GetPlanAsync(planId, ct);
        var row = new Plan { Id = plan.Id, CompanyId = companyId, Title = plan.Title ?? plan.Id };
        MembershipSyncBatch.Apply(plan, row);
        db.Plans.Add(row);
        await db.SaveChangesAsync(ct);
        memory.RememberPlan(planId);
    }

    /// Returns the row and its state before this event (null when new), or null when the event is older than our copy.
    public async Task<(Membership Row, MembershipSnapshot? Before)?> MembershipAsync(RevenueAngelDbContext db, string companyId,
        WhopMembership membership, long memberId, WebhookBatchMemory memory, CancellationToken ct)
    {
        var updatedAt = membership.UpdatedAt ?? membership.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var row = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membership.Id, ct);
        MembershipSnapshot? before = row is null ? null : new(row.Status, row.PlanId, row.CancelAtPeriodEnd);
        if (row is not null && row.UpdatedAt > updatedAt) return null;
        await EnsurePlanAsync(db, companyId, membership.Plan?.Id, memory, ct);
        if (row is null)
        {
            row = new Membership
            {
                Id = membership.Id, CompanyId = companyId, MemberId = memberId, PlanId = membership.Plan?.Id ?? "",
                Status = membership.Status, CreatedAt = membership.CreatedAt ?? updatedAt,
            };
            db.Memberships.Add(row);
        }
        row.PlanId = membership.Plan?.Id ?? row.PlanId;
        row.ProductId = membership.Product?.Id ?? row.ProductId;
        row.Status = membership.Status;
        row.CancelAtPeriodEnd = membership.CancelAtPeriodEnd;
        row.RenewalPeriodEnd = membership.RenewalPeriodEnd ?? row.RenewalPeriodEnd;
        row.UpdatedAt = updatedAt;
        await db.SaveChangesAsync(ct);
        return (row, before);
    }

    /// Returns the row and whether this event is at least as new as what we held (only then is its state applied).
    public async Task<(Payment Row, bool Current, Payment? Before)> PaymentAsync(RevenueAngelDbContext db, string companyId, WhopPayment payment,
        long? memberId, WebhookBatchMemory memory, CancellationToken ct)
    {
        var updatedAt = payment.UpdatedAt ?? payment.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var row = memory.KnowsPaymentIsNew(payment.Id) ? null : await db.Payments.SingleOrDefaultAsync(p => p.Id == payment.Id, ct);
        Payment? before = row is null ? null : Copy(row);
        if (row is not null && row.UpdatedAt > updatedAt) return (row, false, before);
        await EnsurePlanAsync(db, companyId, payment.Plan?.Id, memory, ct);
        if (row is null)
        {
            row = new Payment { Id = payment.Id, CompanyId = companyId, Status = payment.Status, CreatedAt = payment.CreatedAt ?? updatedAt };
            db.Payments.Add(row);
            memory.RememberPayment(payment.Id);
        }
        row.MembershipId = payment.Membership?.Id ?? row.MembershipId;
        row.MemberId = memberId ?? row.MemberId;
        row.PlanId = payment.Plan?.Id ?? row.PlanId;
        row.Status = payment.Status;
        row.Substatus = payment.Substatus;
        row.BillingReason = payment.BillingReason ?? row.BillingReason;
        if (payment.TotalMoney is { } total) (row.TotalCents, row.Currency) = (total.Cents, total.Currency);
        row.FailureMessage = payment.FailureMessage ?? row.FailureMessage;
        row.NextPaymentAttempt = payment.NextPaymentAttempt;
        row.CardLast4 = payment.CardLast4 ?? row.CardLast4;
        row.PaidAt = payment.PaidAt ?? row.PaidAt;
        row.UpdatedAt = updatedAt;
        await db.SaveChangesAsync(ct);
        return (row, true, before);
    }

    private static Payment Copy(Payment p) => new()
    {
        Id = p.Id, CompanyId = p.CompanyId, Status = p.Status, MembershipId = p.MembershipId, MemberId = p.MemberId, PlanId = p.PlanId,
        Substatus = p.Substatus, PaidAt = p.PaidAt, FailedAt = p.FailedAt, TotalCents = p.TotalCents, Currency = p.Currency,
        CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt,
    };
}

public sealed record MembershipSnapshot(string Status, string PlanId, bool CancelAtPeriodEnd);
