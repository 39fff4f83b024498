using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Dispatch;

/// The checks a claimed send passes just before it goes out, in order: the sequence is still running; the
/// subject is still eligible (audience rules, re-checked without entry-only conditions, and no exit rule
/// matches); no higher-priority sequence is running for them (nobody in a ChurnSave sequence gets an upsell);
/// the company's frequency cap across all playbooks; its quiet hours in its own time zone.
public sealed class SendGate(IOptions<DispatchOptions> options, SendChannels channels)
{
    public async Task<GateDecision> CheckAsync(RevenueAngelDbContext db, Send send, DateTimeOffset now, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == send.EnrollmentId, ct);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(p => p.Id == send.PlaybookId, ct);
        var step = await db.PlaybookSteps.AsNoTracking().SingleAsync(s => s.Id == send.StepId, ct);
        if (enrollment.Status != EnrollmentStatus.Active) return new GateDecision.Stop($"enrolment {Describe(enrollment.Status)}", false);
        if (!playbook.Enabled || playbook.DeletedAt is not null) return new GateDecision.Stop("playbook switched off", false);
        if (step.Archived) return new GateDecision.Stop("step removed", false);

        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == send.CompanyId, ct);
        var template = await db.MessageTemplates.AsNoTracking().SingleAsync(t => t.Id == step.TemplateId, ct);

        var (eligible, reason, whopUserId) = enrollment.SubjectKind == SubjectKind.Lead
            ? await LeadEligibilityAsync(db, playbook, enrollment.SubjectId, now, ct)
            : await MemberEligibilityAsync(db, playbook, enrollment.SubjectId, now, ct);
        if (!eligible) return new GateDecision.Stop(reason!, true);
        // The step's channel, else its fallback. None for a lead that only a channel still to come could reach (no
        // Whop account, and email off or not among the step's channels): parked, not dropped, and looked at again
        // (LeadReachability). Otherwise (no consent, a suppressed address, a member's marketing email) this message is
        // skipped with the reason and the sequence goes on.
        var (route, unreachable) = await channels.ChooseAsync(db, playbook, step, enrollment.SubjectKind, enrollment.SubjectId, whopUserId, ct);
        if (route is null)
            return enrollment.SubjectKind == SubjectKind.Lead && whopUserId is null && (!SendChannels.MayEmail(step) || !channels.EmailIsOn)
                ? new GateDecision.Wait(now.AddHours(options.Value.UnreachableRecheckHours), LeadReachability.ParkedReason)
                : new GateDecision.Stop(unreachable!, false);
        if (route.Channel == Messaging.MessageChannel.Email && company.PostalAddress is null)
            return new GateDecision.Wait(now.AddHours(1), "email waits for the company's postal address (Settings): every email carries it (CAN-SPAM)");

        var outranking = await db.Enrollments.AsNoTracking()
            .Where(e => e.CompanyId == send.CompanyId && e.SubjectKind == enrollment.SubjectKind && e.SubjectId == enrollment.SubjectId
                        && e.Status == EnrollmentStatus.Active && e.PlaybookId != playbook.Id)
            .Join(db.Playbooks.Where(p => p.Enabled && p.DeletedAt == null && p.Priority > playbook.Priority), e => e.PlaybookId, p => p.Id, (e, p) => p.Name)
            .FirstOrDefaultAsync(ct);
        if (outranking is not null)
            return new GateDecision.Wait(now.AddHours(options.Value.PriorityWaitHours), $"waiting: the member is in \"{outranking}\", which comes first");

        var windowStart = now.AddDays(-company.FrequencyCapDays);
        var recent = await db.Sends.AsNoTracking()
            .Where(s => s.CompanyId == send.CompanyId && s.SentAt > windowStart && s.Id != send.Id)
            .Join(db.Enrollments.Where(e => e.SubjectKind == enrollment.SubjectKind && e.SubjectId == enrollment.SubjectId),
                s => s.EnrollmentId, e => e.Id, (s, e) => s.SentAt!.Value)
            .OrderByDescending(at => at).Take(company.FrequencyCapMessages).ToListAsync(ct);
        if (recent.Count >= company.FrequencyCapMessages)
            return new GateDecision.Wait(recent.Min().AddDays(company.FrequencyCapDays).AddMinutes(1),
                $"frequency cap: {company.FrequencyCapMessages} messages in {company.FrequencyCapDays} days");

        if (company.QuietHoursStart is { } start && company.QuietHoursEnd is { } end
            && TimeZoneInfo.TryFindSystemTimeZoneById(company.TimeZone, out var zone)
            && QuietHours.DeferUntil(now, zone, start, end) is { } after)
            return new GateDecision.Wait(after, $"quiet hours ({start:HH\\:mm}–{end:HH\\:mm} {company.TimeZone})");

        return new GateDecision.Go(company, playbook, template, new Recipient(enrollment.SubjectKind, enrollment.SubjectId, whopUserId), route);
    }

    private static async Task<(bool Eligible, string? Reason, string? WhopUserId)> MemberEligibilityAsync(RevenueAngelDbContext db,
        Playbook playbook, long memberId, DateTimeOffset now, CancellationToken ct)
    {
        var whopUserId = await db.Members.Where(m => m.Id == memberId).Select(m => m.WhopUserId).SingleAsync(ct);
        var facts = (await Audience.LoadMemberFactsAsync(db, playbook.CompanyId, [memberId], ct)).Single();
        var (exitRule, _) = TargetRulesJson.Parse(playbook.ExitRules, SubjectKind.Member);
        if (exitRule is not null && InMemoryRuleEvaluator.Matches(exitRule, facts, now)) return (false, "exit rule matched", whopUserId);
        if (playbook.Trigger == PlaybookTrigger.SegmentEntry)
        {
            var (rule, _) = TargetRulesJson.Parse(playbook.TargetRules, SubjectKind.Member);
            if (!InMemoryRuleEvaluator.Matches(RuleRelaxation.ForEligibility(rule), facts, now)) return (false, "no longer matches the audience", whopUserId);
        }
        return (true, null, whopUserId);
    }

    private static async Task<(bool Eligible, string? Reason, string? WhopUserId)> LeadEligibilityAsync(RevenueAngelDbContext db,
        Playbook playbook, long leadId, DateTimeOffset now, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId, ct);
        if (lead.Status is LeadStatus.Converted or LeadStatus.Unsubscribed) return (false, $"lead {Describe(lead.Status)}", lead.WhopUserId);
        var facts = new LeadFacts(lead.Id, lead.Source, StoredEnum<LeadStatus>.ToText(lead.Status), lead.CapturedAt);
        var (exitRule, _) = TargetRulesJson.Parse(playbook.ExitRules, SubjectKind.Lead);
        if (exitRule is not null && InMemoryRuleEvaluator.Matches(exitRule, facts, now)) return (false, "exit rule matched", lead.WhopUserId);
        return (true, null, lead.WhopUserId);
    }

    private static string Describe<T>(T status) where T : struct, Enum => StoredEnum<T>.ToText(status).Replace('_', ' ');
}
