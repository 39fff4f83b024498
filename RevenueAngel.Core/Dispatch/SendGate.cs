using Microsoft.Extensions.Options;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Dispatch;

/// The checks a claimed send passes just before it goes out, in order: the sequence is still running; the
/// subject is still eligible (audience rules, re-checked without entry-only conditions, and no exit rule
/// matches); no higher-priority sequence is running for them (nobody in a ChurnSave sequence gets an upsell);
/// the company's frequency cap across all playbooks; its quiet hours in its own time zone. Decided in memory over
/// the batch's rows (DispatchBatch), so a batch of any size costs the same statements.
public sealed class SendGate(IOptions<DispatchOptions> options, SendChannels channels)
{
    internal GateDecision Check(Send send, DispatchBatch batch, DateTimeOffset now)
    {
        var enrollment = batch.Enrollments[send.EnrollmentId];
        var playbook = batch.Playbooks[send.PlaybookId];
        var step = batch.Steps[send.StepId];
        if (enrollment.Status != EnrollmentStatus.Active) return new GateDecision.Stop($"enrolment {Describe(enrollment.Status)}", false);
        if (!playbook.Enabled || playbook.DeletedAt is not null) return new GateDecision.Stop("playbook switched off", false);
        if (step.Archived) return new GateDecision.Stop("step removed", false);

        var company = batch.Companies[send.CompanyId];
        var template = batch.Templates[step.TemplateId];

        var (eligible, reason, whopUserId) = enrollment.SubjectKind == SubjectKind.Lead
            ? LeadEligibility(batch, playbook, enrollment.SubjectId, now)
            : MemberEligibility(batch, playbook, enrollment.SubjectId, now);
        if (!eligible) return new GateDecision.Stop(reason!, true);
        // The step's channel, else its fallback. None for a lead that only a channel still to come could reach (no
        // Whop account, and email off or not among the step's channels): parked, not dropped, and looked at again
        // (LeadReachability). Otherwise (no consent, a suppressed address, a member's marketing email) this message is
        // skipped with the reason and the sequence goes on.
        var (route, unreachable) = channels.Choose(batch, playbook, step, enrollment.SubjectKind, enrollment.SubjectId, whopUserId);
        if (route is null)
            return enrollment.SubjectKind == SubjectKind.Lead && whopUserId is null && (!SendChannels.MayEmail(step) || !channels.EmailIsOn)
                ? new GateDecision.Wait(now.AddHours(options.Value.UnreachableRecheckHours), LeadReachability.ParkedReason)
                : new GateDecision.Stop(unreachable!, false);
        if (route.Channel == Messaging.MessageChannel.Email && company.PostalAddress is null)
            return new GateDecision.Wait(now.AddHours(1), "email waits for the company's postal address (Settings): every email carries it (CAN-SPAM)");

        var outranking = batch.RunningFor[(send.CompanyId, enrollment.SubjectKind, enrollment.SubjectId)]
            .Where(e => e.PlaybookId != playbook.Id)
            .Select(e => batch.Playbooks.GetValueOrDefault(e.PlaybookId))
            .FirstOrDefault(p => p is { Enabled: true, DeletedAt: null } && p.Priority > playbook.Priority);
        if (outranking is not null)
            return new GateDecision.Wait(now.AddHours(options.Value.PriorityWaitHours), $"waiting: the member is in \"{outranking.Name}\", which comes first");

        var recent = batch.SentSince(send.CompanyId, enrollment.SubjectKind, enrollment.SubjectId, now.AddDays(-company.FrequencyCapDays))
            .Take(company.FrequencyCapMessages).ToList();
        if (recent.Count >= company.FrequencyCapMessages)
            return new GateDecision.Wait(recent.Min().AddDays(company.FrequencyCapDays).AddMinutes(1),
                $"frequency cap: {company.FrequencyCapMessages} messages in {company.FrequencyCapDays} days");

        if (company.QuietHoursStart is { } start && company.QuietHoursEnd is { } end
            && TimeZoneInfo.TryFindSystemTimeZoneById(company.TimeZone, out var zone)
            && QuietHours.DeferUntil(now, zone, start, end) is { } after)
            return new GateDecision.Wait(after, $"quiet hours ({start:HH\\:mm}–{end:HH\\:mm} {company.TimeZone})");

        return new GateDecision.Go(company, playbook, template, new Recipient(enrollment.SubjectKind, enrollment.SubjectId, whopUserId), route);
    }

    private static (bool Eligible, string? Reason, string? WhopUserId) MemberEligibility(DispatchBatch batch, Playbook playbook, long memberId,
        DateTimeOffset now)
    {
        var whopUserId = batch.Variables.Members[memberId].WhopUserId;
        var facts = batch.MemberFacts[memberId];
        var (exitRule, _) = TargetRulesJson.Parse(playbook.ExitRules, SubjectKind.Member);
        if (exitRule is not null && InMemoryRuleEvaluator.Matches(exitRule, facts, now)) return (false, "exit rule matched", whopUserId);
        if (playbook.Trigger == PlaybookTrigger.SegmentEntry)
        {
            var (rule, _) = TargetRulesJson.Parse(playbook.TargetRules, SubjectKind.Member);
            if (!InMemoryRuleEvaluator.Matches(RuleRelaxation.ForEligibility(rule), facts, now)) return (false, "no longer matches the audience", whopUserId);
        }
        return (true, null, whopUserId);
    }

    private static (bool Eligible, string? Reason, string? WhopUserId) LeadEligibility(DispatchBatch batch, Playbook playbook, long leadId,
        DateTimeOffset now)
    {
        var lead = batch.Variables.Leads[leadId];
        if (lead.Status is LeadStatus.Converted or LeadStatus.Unsubscribed) return (false, $"lead {Describe(lead.Status)}", lead.WhopUserId);
        var facts = new LeadFacts(lead.Id, lead.Source, StoredEnum<LeadStatus>.ToText(lead.Status), lead.CapturedAt);
        var (exitRule, _) = TargetRulesJson.Parse(playbook.ExitRules, SubjectKind.Lead);
        if (exitRule is not null && InMemoryRuleEvaluator.Matches(exitRule, facts, now)) return (false, "exit rule matched", lead.WhopUserId);
        return (true, null, lead.WhopUserId);
    }

    private static string Describe<T>(T status) where T : struct, Enum => StoredEnum<T>.ToText(status).Replace('_', ' ');
}
