using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Leads;

/// A lead no channel reaches yet is skipped, not dropped: its due send waits (SendGate parks it with
/// <see cref="ParkedReason"/> and looks again every Dispatch:UnreachableRecheckHours), so a channel that arrives later
/// (a Whop account linked, or the email channel) still finds the sequence running.
public static class LeadReachability
{
    public const string ParkedReason = "waiting: no channel reaches this lead yet (no Whop account, and no email step or email is off)";
    public const string WokenReason = "a channel reaches the lead now";

    /// The lead just became reachable: each running sequence resumes now from its first parked step, the steps after it
    /// keeping their spacing, so a lead who waited a week does not get three messages at once. Caller's transaction.
    public static async Task<int> WakeAsync(RevenueAngelDbContext db, long leadId, DateTimeOffset now, CancellationToken ct)
    {
        var enrollments = await db.Enrollments
            .Where(e => e.SubjectKind == SubjectKind.Lead && e.SubjectId == leadId && e.Status == EnrollmentStatus.Active)
            .Select(e => new { e.Id, e.PlaybookId }).ToListAsync(ct);
        var woken = 0;
        foreach (var enrollment in enrollments)
        {
            var sends = await db.Sends.Where(s => s.EnrollmentId == enrollment.Id && s.Status == SendStatus.Scheduled).ToListAsync(ct);
            if (!sends.Any(s => s.LastError == ParkedReason)) continue;
            var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == enrollment.PlaybookId, ct);
            var offsets = EntryRules.StepOffsets(playbook).ToDictionary(s => s.Step.Id, s => s.Offset);
            var first = sends.Where(s => s.LastError == ParkedReason).Min(s => offsets.GetValueOrDefault(s.StepId));
            foreach (var send in sends.Where(s => offsets.GetValueOrDefault(s.StepId) >= first))
            {
                send.Defer(now + (offsets.GetValueOrDefault(send.StepId) - first), WokenReason);
                woken++;
            }
        }
        await db.SaveChangesAsync(ct);
        return woken;
    }
}
