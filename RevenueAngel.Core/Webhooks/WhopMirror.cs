using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// Applies one Whop object from an event to our copy, inside the event's transaction, creating the row when we
/// have none yet (an event before the first sync). Whop's `updated_at` decides, as in CompanySync: an object older
/// than what we hold changes nothing (deliveries come twice and out of order). Ids and statuses that cannot be
/// stored refuse the event; free text is cleaned and cut to its column.
public sealed class WhopMirror
{
    public async Task<Member?> MemberAsync(RevenueAngelDbContext db, string companyId, WhopUserRef? user, string? whopMemberId,
        DateTimeOffset seenAt, WebhookBatchMemory memory, CancellationToken ct)
    {
        if (user?.Id is null) return null;
        WebhookPayload.Id(user.Id, "user");
        if (whopMemberId is not null) WebhookPayload.Id(whopMemberId, "member");
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
        member.Name = StoredText.FitOrNull(user.Name, 200) ?? member.Name;
        member.Username = StoredText.FitOrNull(user.Username, 100) ?? member.Username;
        member.Email = StoredText.FitOrNull(user.Email, 320) ?? member.Email;
        // A new member needs its id now; changes to a stored one go with the event's next save.
        if (member.Id == 0) await db.SaveChangesAsync(ct);
        memory.RememberMember(member);
        return member;
    }

    /// The plan must be stored: WebhookPlans fetched the batch's unknown plans from Whop before the batch began.
    public static async Task EnsurePlanAsync(RevenueAngelDbContext db, string? planId, WebhookBatchMemory memory, CancellationToken ct)
    {
        if (planId is null || memory.KnowsPlan(planId)) return;
        if (!await db.Plans.AnyAsync(p => p.Id == planId, ct)) throw new PlanUnavailableException(planId, memory.PlanProblem(planId));
        memory.RememberPlan(planId);
    }

    /// The membership row, tracked: the batch's copy when the memory knows it, else the database's.
    public static async Task<Membership?> TrackedMembershipAsync(RevenueAngelDbContext db, string id, WebhookBatchMemory memory, CancellationToken ct)
    {
        if (!memory.TryRecallMembership(id, out var row)) return await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (row is not null) db.Memberships.Attach(row);
        return row;
    }

    /// A payment names its membership and that membership's status: the row is created when we have none, or an
    /// older one moved to that status. Nothing when the status is unknown or the payment names no plan for a new row.
    /// Saved with the caller's next save.
    public async Task PaymentMembershipAsync(RevenueAngelDbContext db, string companyId, string membershipId, string? status, long memberId,
        WhopPayment payment, DateTimeOffset at, WebhookBatchMemory memory, CancellationToken ct, StoredMembership? known = null)
    {
        if (status is null) return;
        WebhookPayload.OptionalId(payment.Product, "product");
        var row = known is not null ? known.Row : await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.CompanyId == companyId, ct);
        if (row is null)
        {
            if (payment.Plan?.Id is not { } planId) return;
            await EnsurePlanAsync(db, planId, memory, ct);
            row = new Membership
            {
                Id = membershipId, CompanyId = companyId, MemberId = memberId, PlanId = planId, ProductId = payment.Product?.Id, Status = status,
                CreatedAt = payment.CreatedAt ?? at, UpdatedAt = at,
            };
            db.Memberships.Add(row);
        }
        else if (row.UpdatedAt > at || row.Status == status) return;
        else (row.Status, row.UpdatedAt) = (status, at);
        memory.RememberMembership(row);
    }

    /// Returns the row and its state before this event (null when new), or null when the event is older than our copy.
    public async Task<(Membership Row, MembershipSnapshot? Before)?> MembershipAsync(RevenueAngelDbContext db, string companyId,
        WhopMembership membership, long memberId, WebhookBatchMemory memory, CancellationToken ct)
    {
        WebhookPayload.Id(membership.Id, "membership");
        WebhookPayload.Status(membership.Status, "membership");
        WebhookPayload.OptionalId(membership.Plan, "plan");
        WebhookPayload.OptionalId(membership.Product, "product");
        var updatedAt = membership.UpdatedAt ?? membership.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var row = await TrackedMembershipAsync(db, membership.Id, memory, ct);
        MembershipSnapshot? before = row is null ? null : new(row.Status, row.PlanId, row.CancelAtPeriodEnd);
        if (row is not null && row.UpdatedAt > updatedAt) return null;
        await EnsurePlanAsync(db, membership.Plan?.Id, memory, ct);
        if (row is null)
        {
            if (membership.Plan is null) throw new WebhookPayloadException("The membership names no plan.");
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
        row.ManageUrl = ManageUrlOf(membership) ?? row.ManageUrl;
        row.CancelOption = CancelOptionOf(membership);
        row.UpdatedAt = updatedAt;
        await db.SaveChangesAsync(ct);
        memory.RememberMembership(row);
        return (row, before);
    }

    /// Returns the row and whether this event is at least as new as what we held (only then is its state applied).
    /// Saved with the caller's next save (then the caller tells the memory: WebhookBatchMemory.RememberPayment).
    public async Task<(Payment Row, bool Current, Payment? Before)> PaymentAsync(RevenueAngelDbContext db, string companyId, WhopPayment payment,
        long? memberId, WebhookBatchMemory memory, CancellationToken ct)
    {
        WebhookPayload.Id(payment.Id, "payment");
        WebhookPayload.Status(payment.Status, "payment");
        WebhookPayload.OptionalId(payment.Membership, "membership");
        WebhookPayload.OptionalId(payment.Plan, "plan");
        var updatedAt = payment.UpdatedAt ?? payment.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var row = memory.KnowsPaymentIsNew(payment.Id) ? null : await db.Payments.SingleOrDefaultAsync(p => p.Id == payment.Id, ct);
        Payment? before = row is null ? null : Copy(row);
        if (row is not null && row.UpdatedAt > updatedAt) return (row, false, before);
        await EnsurePlanAsync(db, payment.Plan?.Id, memory, ct);
        if (row is null)
        {
            row = new Payment { Id = payment.Id, CompanyId = companyId, Status = payment.Status, CreatedAt = payment.CreatedAt ?? updatedAt };
            db.Payments.Add(row);
        }
        row.MembershipId = payment.Membership?.Id ?? row.MembershipId;
        row.MemberId = memberId ?? row.MemberId;
        row.PlanId = payment.Plan?.Id ?? row.PlanId;
        row.Status = payment.Status;
        row.Substatus = StoredText.FitOrNull(payment.Substatus, 48);
        row.BillingReason = StoredText.FitOrNull(payment.BillingReason, 48) ?? row.BillingReason;
        if (TotalOf(payment) is { } total) (row.TotalCents, row.Currency) = (total.Cents, total.Currency);
        row.FailureMessage = StoredText.FitOrNull(payment.FailureMessage, 1000) ?? row.FailureMessage;
        row.NextPaymentAttempt = payment.NextPaymentAttempt;
        row.DeclineCode = StoredText.FitOrNull(payment.DeclineCode, 64) ?? row.DeclineCode;
        row.Retryable = payment.Retryable;
        row.PaymentsFailed = payment.PaymentsFailed ?? row.PaymentsFailed;
        if (row.FailureMessage is not null || row.DeclineCode is not null || payment.PaymentsFailed > 0)
            row.DeclineReason = DeclineReasons.Of(row.DeclineCode, row.FailureMessage);
        row.CardLast4 = StoredText.FitOrNull(payment.CardLast4, 4) ?? row.CardLast4;
        row.PaidAt = payment.PaidAt ?? row.PaidAt;
        // A payment that reached us only once paid (its payment.failed lost) still failed first: its first attempt, at creation.
        if (payment.PaymentsFailed > 0) row.FailedAt ??= payment.CreatedAt ?? updatedAt;
        row.UpdatedAt = updatedAt;
        return (row, true, before);
    }

    private static Money? TotalOf(WhopPayment payment)
    {
        if (payment.Currency is { } currency && (currency.Length != 3 || !StoredText.IsClean(currency)))
            throw new WebhookPayloadException("The payment's currency is not a three-letter code.");
        try
        {
            return payment.TotalMoney;
        }
        catch (OverflowException e)
        {
            throw new WebhookPayloadException("The payment's total is out of range.", e);
        }
    }

    /// One of Whop's known reasons, else none: it selects an offer, never reaches a page as text.
    internal static string? CancelOptionOf(WhopMembership membership) =>
        Offers.CancelOptions.IsKnown(membership.CancelOption) ? membership.CancelOption : null;

    /// Only an https address of 500 characters at most: it becomes a member's link.
    internal static string? ManageUrlOf(WhopMembership membership) =>
        membership.ManageUrl is { Length: <= 500 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? url : null;

    private static Payment Copy(Payment p) => new()
    {
        Id = p.Id, CompanyId = p.CompanyId, Status = p.Status, MembershipId = p.MembershipId, MemberId = p.MemberId, PlanId = p.PlanId,
        Substatus = p.Substatus, PaidAt = p.PaidAt, FailedAt = p.FailedAt, TotalCents = p.TotalCents, Currency = p.Currency,
        CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt,
    };
}

/// The caller's tracked copy of the membership row (Row null: there is none for this company), already read this event.
public sealed record StoredMembership(Membership? Row);

public sealed record MembershipSnapshot(string Status, string PlanId, bool CancelAtPeriodEnd);
