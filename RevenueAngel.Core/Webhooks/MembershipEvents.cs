using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// membership.activated | deactivated | cancel_at_period_end_changed: the membership's state, and the ChurnSave
/// triggers they raise. A deactivation ends running ChurnSave sequences as lost and may start a win-back; a
/// cancellation request starts cancel-save playbooks; withdrawing it is their goal (a save, pending until the next
/// payment confirms it; cancelling again within Attribution:SaveConfirmationDays loses it). A membership on a free plan
/// makes its member a lead (WhopLeads).
public sealed class MembershipEvents(WhopMirror mirror, EventEnroller enroller, IOptions<AttributionOptions> attribution, TimeProvider time)
{
    public async Task<WebhookEventStatus> ApplyAsync(RevenueAngelDbContext db, Company company, string type, JsonElement data, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        var membership = WebhookPayload.Read<WhopMembership>(data, "membership");
        var at = membership.UpdatedAt ?? membership.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var member = await mirror.MemberAsync(db, company.Id, membership.User, membership.Member?.Id, membership.JoinedAt ?? membership.CreatedAt ?? at, memory, ct);
        if (member is null) return WebhookEventStatus.Ignored;
        var applied = await mirror.MembershipAsync(db, company.Id, membership, member.Id, memory, ct);
        if (applied is not { } change) return WebhookEventStatus.Processed;
        await WhopLeads.FromMembershipAsync(db, company.Id, member, await memory.PlanAsync(db, change.Row.PlanId, ct), membership.CreatedAt ?? at,
            time.GetUtcNow(), ct);
        var key = $"{membership.Id}@{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

        switch (type)
        {
            case "membership.deactivated":
                if (memory.MayHavePendingSave(membership.Id)) await SaveConfirmation.LoseAsync(db, company.Id, membership.Id, at, attribution.Value.SaveConfirmationDays, ct);
                if (memory.MayBeEnrolled(member.Id))
                {
                    var lost = db.Enrollments.Where(e => e.CompanyId == company.Id && e.SubjectKind == SubjectKind.Member && e.SubjectId == member.Id
                        && e.Status == EnrollmentStatus.Active && db.Playbooks.Any(p => p.Id == e.PlaybookId && p.Type == PlaybookType.ChurnSave));
                    await SequenceStops.CancelSendsAsync(db, lost.Select(e => e.Id), "membership ended", ct);
                    await lost.ExecuteUpdateAsync(u => u
                        .SetProperty(e => e.Status, EnrollmentStatus.Exited)
                        .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(at))
                        .SetProperty(e => e.EndReason, "lost: membership ended"), ct);
                }
                await EnrollAsync(db, company.Id, member.Id, PlaybookTrigger.MembershipDeactivated, key, memory, ct);
                break;
            case "membership.cancel_at_period_end_changed" when membership.CancelAtPeriodEnd:
                if (memory.MayHavePendingSave(membership.Id))
                    await SaveConfirmation.LoseAsync(db, company.Id, membership.Id, at, attribution.Value.SaveConfirmationDays, ct);
                await EnrollAsync(db, company.Id, member.Id, PlaybookTrigger.CancelRequested, key, memory, ct);
                break;
            case "membership.cancel_at_period_end_changed" when change.Before is { CancelAtPeriodEnd: true } && memory.MayBeEnrolled(member.Id):
                var saved = await GoalTracker.ReachGoalAsync(db, company.Id, SubjectKind.Member, member.Id, PlaybookGoal.CancelWithdrawn, at, ct: ct);
                if (saved.Count > 0) await RecordSaveAsync(db, company, member.Id, membership.Id, change.Row.PlanId, key, at, memory, ct);
                break;
        }
        return WebhookEventStatus.Processed;
    }

    private async Task EnrollAsync(RevenueAngelDbContext db, string companyId, long memberId, PlaybookTrigger trigger, string key, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        if (!await memory.AnyPlaybookForAsync(db, companyId, trigger, ct)) return;
        memory.RememberEnrolled(memberId);
        await enroller.EnrollAsync(db, companyId, memberId, trigger, key, ct);
    }

    /// A withdrawn cancellation keeps a period's revenue: valued at the plan's renewal price, pending until the
    /// membership's next payment, keyed by the event so a redelivery adds nothing.
    private static async Task RecordSaveAsync(RevenueAngelDbContext db, Company company, long memberId, string membershipId, string planId, string key,
        DateTimeOffset at, WebhookBatchMemory memory, CancellationToken ct)
    {
        var id = $"save:{key}";
        if (await db.Conversions.AnyAsync(c => c.WhopPaymentId == id, ct)) return;
        // Our own offer's uncancel already recorded this save (one pending save per membership at a time).
        if (await db.Conversions.AnyAsync(c => c.WhopMembershipId == membershipId && c.Type == ConversionType.Save && c.State == ConversionState.Pending, ct))
            return;
        var plan = await memory.PlanAsync(db, planId, ct);
        var touch = await LastTouch.FindAsync(db, company.Id, memberId, null, at, company.AttributionWindowDays, ct);
        db.Conversions.Add(new Conversion
        {
            CompanyId = company.Id, MemberId = memberId, WhopPaymentId = id, Type = ConversionType.Save,
            RevenueCents = plan?.RenewalPriceCents ?? 0, Currency = plan?.Currency ?? company.Currency, CreatedAt = at,
            AttributedSendId = touch.SendId, AttributedPlaybookId = touch.PlaybookId, AttributedStepId = touch.StepId,
            AttributionMethod = touch.Method, AttributionWindowDays = company.AttributionWindowDays,
            WhopMembershipId = membershipId, State = ConversionState.Pending,
        });
        await db.SaveChangesAsync(ct);
        memory.RememberPendingSave(membershipId);
    }
}
