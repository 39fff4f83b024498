using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// payment.created | pending | succeeded | failed. A success records one conversion per payment when it is a
/// first purchase, a recovery or an upgrade (a renewal is revenue, not a conversion), ends the sequences whose
/// goal it meets and attributes it last-touch; it also confirms the membership's pending saves and, on a new
/// membership after a win-back enrolment, records the win-back. A failure marks the membership past due and starts ChurnSave.
public sealed class PaymentEvents(WhopMirror mirror, EventEnroller enroller, TimeProvider time)
{
    private static readonly TimeSpan RecoveryLookback = TimeSpan.FromDays(14);

    public async Task<WebhookEventStatus> ApplyAsync(RevenueAngelDbContext db, Company company, string type, JsonElement data, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        var payment = WebhookPayload.Read<WhopPayment>(data, "payment");
        var at = payment.UpdatedAt ?? payment.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var member = await mirror.MemberAsync(db, company.Id, payment.User, payment.Member?.Id, payment.CreatedAt ?? at, memory, ct);
        var membershipId = WebhookPayload.OptionalId(payment.Membership, "membership");
        // Read once, tracked: the mirror below moves this same row (one round trip fewer per payment event).
        var membershipRow = membershipId is not null ? await WhopMirror.TrackedMembershipAsync(db, membershipId, memory, ct) : null;
        var membershipBefore = membershipRow is null ? null : new Membership
        {
            Id = membershipRow.Id, CompanyId = membershipRow.CompanyId, MemberId = membershipRow.MemberId, PlanId = membershipRow.PlanId,
            Status = membershipRow.Status, CreatedAt = membershipRow.CreatedAt, UpdatedAt = membershipRow.UpdatedAt,
        };
        var (row, current, _) = await mirror.PaymentAsync(db, company.Id, payment, member?.Id, memory, ct);
        // The membership as the payment describes it (Whop sends `membership: { id, status }`), or as the payment implies.
        if (current && member is not null && membershipId is not null)
        {
            var status = MembershipStatus(data) ?? type switch
            {
                "payment.failed" => MembershipStatuses.PastDue,
                "payment.succeeded" when membershipBefore is null || membershipBefore.Status == MembershipStatuses.PastDue => MembershipStatuses.Active,
                _ => null,
            };
            await mirror.PaymentMembershipAsync(db, company.Id, membershipId, status, member.Id, payment, at, memory, ct,
                new StoredMembership(membershipRow is { } found && found.CompanyId == company.Id ? found : null));
        }
        if (type == "payment.failed" && current) row.FailedAt = payment.LastPaymentAttempt ?? at;
        // The member, the payment and its membership in one round trip.
        await db.SaveChangesAsync(ct);
        memory.RememberPayment(row);

        switch (type)
        {
            case "payment.succeeded":
                if (member is not null) await SucceededAsync(db, company, payment, row, member, membershipId, membershipBefore, PromoCodes(data), memory, ct);
                break;
            // A failure redelivered after the payment went through starts nothing.
            case "payment.failed" when current && member is not null && row.PaidAt is null:
                var nextRetry = payment.Retryable ? payment.NextPaymentAttempt : null;
                if (memory.MayBeEnrolled(member.Id)) await RetryTimedSends.FollowAsync(db, company.Id, payment.Id, nextRetry, time.GetUtcNow(), ct);
                if (!await memory.AnyPlaybookForAsync(db, company.Id, PlaybookTrigger.PaymentFailed, ct)) break;
                memory.RememberEnrolled(member.Id);
                await enroller.EnrollAsync(db, company.Id, member.Id, PlaybookTrigger.PaymentFailed, payment.Id, ct, nextRetry);
                break;
        }
        return WebhookEventStatus.Processed;
    }

    /// The promo code a payment used, as an id or a code: Whop's shape for it is not documented (null in every sample;
    /// newer versions name `promo_code_id`), so a string, an object's `id` and `code`, and `promo_code_id` are all read.
    private static IReadOnlyList<string> PromoCodes(JsonElement data)
    {
        var found = new List<string>(2);
        if (data.TryGetProperty("promo_code", out var promo))
        {
            if (promo.ValueKind == JsonValueKind.String && promo.GetString() is { Length: > 0 and <= 64 } text) found.Add(text);
            if (promo.ValueKind == JsonValueKind.Object)
                found.AddRange(new[] { WebhookPayload.Text(promo, "id"), WebhookPayload.Text(promo, "code") }.OfType<string>().Where(t => t.Length is > 0 and <= 64));
        }
        if (WebhookPayload.Text(data, "promo_code_id") is { Length: > 0 and <= 64 } id) found.Add(id);
        return found;
    }

    private static string? MembershipStatus(JsonElement data) =>
        data.TryGetProperty("membership", out var membership) && WebhookPayload.Text(membership, "status") is { } status
            ? WebhookPayload.Status(status, "membership") : null;

    private static async Task SucceededAsync(RevenueAngelDbContext db, Company company, WhopPayment payment, Payment row, Member member,
        string? membershipId, Membership? membershipBefore, IReadOnlyList<string> promoCodes, WebhookBatchMemory memory, CancellationToken ct)
    {
        var memberId = member.Id;
        var paidAt = payment.PaidAt ?? payment.UpdatedAt ?? DateTimeOffset.UnixEpoch;
        if (membershipId is not null && row.TotalCents > 0 && memory.MayHavePendingSave(membershipId))
            await SaveConfirmation.ConfirmAsync(db, company.Id, membershipId, payment.Id, paidAt, ct);
        if (row.TotalCents > 0 && payment.Metadata?.GetValueOrDefault(CheckoutMetadata.OfferKey) is { } offerKey
            && long.TryParse(offerKey, System.Globalization.CultureInfo.InvariantCulture, out var offerId))
            await Offers.OfferSaves.ConfirmDowngradeAsync(db, company.Id, offerId, payment.Id, paidAt, ct);
        foreach (var promo in promoCodes)
            await Offers.OfferSaves.RecordDiscountAppliedAsync(db, company.Id, promo, payment.Id, paidAt, ct);
        if (!memory.KnowsNoConversion(payment.Id) && await db.Conversions.AnyAsync(c => c.WhopPaymentId == payment.Id, ct)) return;

        var since = paidAt - RecoveryLookback;
        var history = memory.PaymentsOf(memberId);
        var earlier = history is not null
            ? [.. history.Where(p => p.CompanyId == company.Id && p.Id != payment.Id && p.PaidAt < paidAt && p.TotalCents > 0)
                .OrderByDescending(p => p.PaidAt).Select(p => p.PlanId)]
            : await db.Payments.AsNoTracking()
                .Where(p => p.CompanyId == company.Id && p.MemberId == memberId && p.Id != payment.Id && p.PaidAt != null && p.PaidAt < paidAt && p.TotalCents > 0)
                .OrderByDescending(p => p.PaidAt).Select(p => p.PlanId).ToListAsync(ct);
        var hadFailure = payment.PaymentsFailed > 0 || row.FailedAt >= since
            || (history is not null
                ? history.Any(p => p.Id != payment.Id && p.FailedAt >= since && p.FailedAt <= paidAt)
                : await db.Payments.AnyAsync(p => p.MemberId == memberId && p.Id != payment.Id && p.FailedAt >= since && p.FailedAt <= paidAt, ct))
            || membershipBefore?.Status == MembershipStatuses.PastDue;
        // A renewal with no history here is a member from before the install, not a first purchase.
        var initial = payment.BillingReason is null or "subscription_create" or "one_time";
        // A win-back needs a running win-back enrolment: a member never enrolled cannot have one.
        var winBack = membershipId is not null && row.TotalCents > 0 && memory.MayBeEnrolled(memberId)
            && await WinBack.IsWinBackAsync(db, company.Id, memberId, membershipId, payment.Id, paidAt, ct);
        var type = winBack ? ConversionType.WinBack
            : earlier.Count == 0 && initial && row.TotalCents > 0 ? ConversionType.FirstPurchase
            : hadFailure ? ConversionType.Recovery
            : await IsUpgradeAsync(db, payment.Plan?.Id, earlier.FirstOrDefault() ?? membershipBefore?.PlanId, memory, ct) ? ConversionType.Upgrade
            : (ConversionType?)null;
        if (type is null) return;

        long? leadId = null;
        if (type == ConversionType.FirstPurchase) leadId = await ConvertLeadAsync(db, company.Id, payment, member, paidAt, ct);
        var goal = type switch
        {
            ConversionType.FirstPurchase => PlaybookGoal.FirstPayment,
            ConversionType.Recovery => PlaybookGoal.PaymentRecovered,
            ConversionType.WinBack => PlaybookGoal.WinBack,
            _ => PlaybookGoal.Upgrade,
        };
        if (memory.MayBeEnrolled(memberId)) await GoalTracker.ReachGoalAsync(db, company.Id, SubjectKind.Member, memberId, goal, paidAt, payment.Plan?.Id, ct);

        // A member never enrolled got no message of ours: the recovery is Whop's without asking the database.
        RecoverySource? recoveredBy = type != ConversionType.Recovery ? null
            : !memory.MayBeEnrolled(memberId) ? RecoverySource.Whop
            : await RecoveryCredit.SourceAsync(db, company.Id, memberId, payment.Id, row.FailedAt, paidAt - RecoveryLookback, paidAt, ct);
        // Every send belongs to an enrolment: a subject never enrolled has none to credit.
        var touch = leadId is null && !memory.MayBeEnrolled(memberId) ? Attribution.Attribution.None
            : await LastTouch.FindAsync(db, company.Id, memberId, leadId, paidAt, company.AttributionWindowDays, ct,
                payment.Metadata?.GetValueOrDefault(CheckoutMetadata.SendKey));
        var conversion = new Conversion
        {
            CompanyId = company.Id, MemberId = memberId, WhopPaymentId = payment.Id, Type = type.Value, RevenueCents = row.TotalCents,
            Currency = row.Currency, CreatedAt = paidAt, AttributedSendId = touch.SendId, AttributedPlaybookId = touch.PlaybookId, AttributedStepId = touch.StepId,
            AttributionMethod = touch.Method,
            AttributionWindowDays = company.AttributionWindowDays,
            WhopMembershipId = membershipId, RecoveredBy = recoveredBy,
        };
        db.Conversions.Add(conversion);
        await db.SaveChangesAsync(ct);
        memory.RememberConversion(payment.Id, conversion.Id);
        // A refund applied before the payment's success (out of order, or queued by a reconcile) nets against it now.
        if (memory.MayHaveAdjustments(payment.Id))
            await db.RevenueAdjustments.Where(a => a.WhopPaymentId == payment.Id && a.ConversionId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.ConversionId, conversion.Id), ct);
    }

    /// The buyer's lead (same Whop user, else same email: LeadLinker) converts once, linked to the member; its Nurture
    /// sequences reach their goal. Null when the buyer was never a lead, or already converted.
    private static async Task<long?> ConvertLeadAsync(RevenueAngelDbContext db, string companyId, WhopPayment payment, Member member,
        DateTimeOffset paidAt, CancellationToken ct)
    {
        var user = payment.User!;
        var email = user.Email ?? member.Email;
        var lead = await LeadLinker.FindAsync(db, companyId, new WhopLeadIdentity(user.Id, email, user.Name, member.Id), paidAt, ct, wake: false);
        if (lead is null || lead.Status == LeadStatus.Converted) return lead?.Id;
        (lead.Status, lead.ConvertedAt, lead.ConvertedPaymentId) = (LeadStatus.Converted, paidAt, payment.Id);
        await db.SaveChangesAsync(ct);
        await GoalTracker.ReachGoalAsync(db, companyId, SubjectKind.Lead, lead.Id, PlaybookGoal.FirstPayment, paidAt, ct: ct);
        return lead.Id;
    }

    private static async Task<bool> IsUpgradeAsync(RevenueAngelDbContext db, string? planId, string? previousPlanId, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        if (planId is null || previousPlanId is null || planId == previousPlanId) return false;
        return await memory.PlanAsync(db, planId, ct) is { } now && await memory.PlanAsync(db, previousPlanId, ct) is { } before
               && now.MonthlyPriceCents > before.MonthlyPriceCents;
    }
}
