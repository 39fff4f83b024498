using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// A company with two playbooks (holdout and treatment arms, a lead among the subjects), sends on two channels, and
/// a stream of writes of every kind the app and plain SQL make: conversions, a duplicate delivery, refunds and their
/// replays, a lost dispute, a pending save settling, a re-attribution, a deletion, a lead that becomes a member, an
/// enrolment ended by a late event, sends moving through their states and a credited send re-timed.
internal sealed class RollupWorld(CoreHost host, TestGraph graph)
{
    private static readonly DateTimeOffset At = TestGraph.At;
    private readonly List<Member> _members = [];
    private readonly List<Enrollment> _enrollments = [];
    private readonly List<Send> _sends = [];
    private Playbook _second = null!;
    private Lead _lead = null!;

    public string CompanyId => graph.Company.Id;
    public IReadOnlyList<long> PlaybookIds => [graph.Playbook.Id, _second.Id];

    public static async Task<RollupWorld> CreateAsync(CoreHost host, CancellationToken ct)
    {
        await using var db = host.CreateDbContext();
        var world = new RollupWorld(host, await TestGraph.CreateAsync(db));
        await world.SetUpAsync(ct);
        return world;
    }

    private async Task SetUpAsync(CancellationToken ct)
    {
        await using var db = host.CreateDbContext();
        _second = new Playbook { CompanyId = CompanyId, Name = "second", Type = PlaybookType.Nurture, CreatedAt = At };
        _second.Steps.Add(new PlaybookStep { Position = 1, Channel = MessageChannel.Push, TemplateId = graph.Template.Id });
        _second.Steps.Add(new PlaybookStep { Position = 2, Channel = MessageChannel.Email, TemplateId = graph.Template.Id });
        db.Add(_second);
        for (var i = 0; i < 6; i++) _members.Add(new Member { CompanyId = CompanyId, WhopUserId = $"{graph.Member.WhopUserId}_{i}", CreatedAt = At });
        db.AddRange(_members);
        _lead = new Lead { CompanyId = CompanyId, Email = $"{CompanyId}@example.com", Source = "test", CapturedAt = At };
        db.Add(_lead);
        await db.SaveChangesAsync(ct);

        for (var i = 0; i < _members.Count; i++)
        {
            var group = i % 3 == 2 ? HoldoutSplit.Holdout : HoldoutSplit.Treatment;
            _enrollments.Add(new Enrollment { CompanyId = CompanyId, PlaybookId = graph.Playbook.Id, SubjectId = _members[i].Id, Group = group,
                EnteredAt = At.AddMinutes(37 * i) });
            _enrollments.Add(new Enrollment { CompanyId = CompanyId, PlaybookId = _second.Id, SubjectId = _members[i].Id, Group = HoldoutSplit.Treatment,
                EnteredAt = At.AddMinutes(53 * i + 11) });
        }
        _enrollments.Add(new Enrollment { CompanyId = CompanyId, PlaybookId = _second.Id, SubjectKind = SubjectKind.Lead, SubjectId = _lead.Id,
            Group = HoldoutSplit.Holdout, EnteredAt = At.AddMinutes(5) });
        db.AddRange(_enrollments);
        await db.SaveChangesAsync(ct);

        var steps = await db.PlaybookSteps.Where(s => s.PlaybookId == graph.Playbook.Id || s.PlaybookId == _second.Id).ToListAsync(ct);
        foreach (var (enrollment, i) in _enrollments.Select((e, i) => (e, i)))
            foreach (var step in steps.Where(s => s.PlaybookId == enrollment.PlaybookId))
            {
                var send = Send.Schedule(CompanyId, enrollment.PlaybookId, step.Id, enrollment.Id, step.Channel,
                    enrollment.EnteredAt.AddMinutes(41 * step.Position + i));
                if (i % 4 != 3)
                {
                    send.Claim(send.ScheduledFor.AddMinutes(5));
                    send.MarkSent(send.ScheduledFor.AddMinutes(i % 2 == 0 ? 3 : 70), $"ext_{i}_{step.Id}");
                }
                _sends.Add(send);
            }
        db.AddRange(_sends);
        await db.SaveChangesAsync(ct);
    }

    public async Task PlayMixedStreamAsync(CancellationToken ct)
    {
        var sent = _sends.Where(s => s.SentAt is not null).ToList();
        Send SentTo(int member) => sent.First(s => _enrollments.Single(e => e.Id == s.EnrollmentId).SubjectId == _members[member].Id
                                               && _enrollments.Single(e => e.Id == s.EnrollmentId).SubjectKind == SubjectKind.Member);
        Conversion Paid(string id, int member, long cents, DateTimeOffset at, Send? send, ConversionType type = ConversionType.FirstPurchase,
            ConversionState state = ConversionState.Confirmed, string? confirmedBy = null, RecoverySource? by = null) => new()
        {
            CompanyId = CompanyId, MemberId = _members[member].Id, WhopPaymentId = $"pay_{CompanyId}_{id}", Type = type, RevenueCents = cents,
            AttributedSendId = send?.Id, AttributedPlaybookId = send?.PlaybookId, AttributedStepId = send?.StepId,
            AttributionMethod = send is null ? AttributionMethod.None : AttributionMethod.Delivery, AttributionWindowDays = 7, CreatedAt = at,
            State = state, ConfirmedByPaymentId = confirmedBy, RecoveredBy = by,
        };

        var first = Paid("1", 0, 2900, At.AddHours(6), SentTo(0));
        var pendingSave = Paid("2", 1, 1900, At.AddHours(7), SentTo(1), ConversionType.Save, ConversionState.Pending);
        var refunded = Paid("3", 3, 4900, At.AddHours(8), SentTo(3));
        var ofTheLead = Paid("4", 5, 1500, At.AddHours(9), null);
        var afterLateEnd = Paid("5", 4, 3100, At.AddHours(30), SentTo(4), ConversionType.Upgrade);
        var deleted = Paid("6", 2, 999, At.AddHours(10), SentTo(2));
        var beforeEntry = Paid("7", 5, 700, At.AddHours(-5), null);
        var moved = Paid("8", 1, 2500, At.AddHours(11), SentTo(1));
        var recovery = Paid("9", 1, 1900, At.AddHours(12), SentTo(1), ConversionType.Recovery, by: RecoverySource.Ours);
        // In the partial hours at the two edges of the tests' window.
        var atTheStart = Paid("10", 2, 1200, At.AddMinutes(40), null, ConversionType.WinBack);
        var atTheEnd = Paid("11", 3, 800, At.AddDays(2).AddMinutes(5), SentTo(3), ConversionType.Recovery, by: RecoverySource.Whop);
        await using (var db = host.CreateDbContext())
        {
            db.Conversions.AddRange(first, pendingSave, refunded, ofTheLead, afterLateEnd, deleted, beforeEntry, moved, recovery, atTheStart, atTheEnd);
            await db.SaveChangesAsync(ct);
        }

        // A duplicate delivery of a payment stores nothing: its whole transaction is refused.
        await using (var db = host.CreateDbContext())
        {
            db.Conversions.Add(Paid("1", 0, 2900, At.AddHours(6), SentTo(0)));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
        }

        // Refunds: created, delivered again unchanged, then raised; a lost dispute; a refund of the deleted conversion.
        var refund = new RevenueAdjustment { CompanyId = CompanyId, WhopObjectId = $"rfnd_{CompanyId}", Kind = AdjustmentKind.Refund,
            WhopPaymentId = refunded.WhopPaymentId, ConversionId = refunded.Id, AmountCents = -2000, Status = "succeeded", CreatedAt = At.AddHours(20), UpdatedAt = At.AddHours(20) };
        await using (var db = host.CreateDbContext())
        {
            db.RevenueAdjustments.AddRange(refund,
                new RevenueAdjustment { CompanyId = CompanyId, WhopObjectId = $"dspt_{CompanyId}", Kind = AdjustmentKind.Dispute, WhopPaymentId = first.WhopPaymentId,
                    ConversionId = first.Id, AmountCents = -2900, Status = "lost", CreatedAt = At.AddHours(21), UpdatedAt = At.AddHours(21) },
                new RevenueAdjustment { CompanyId = CompanyId, WhopObjectId = $"rfnd_{CompanyId}_6", Kind = AdjustmentKind.Refund, WhopPaymentId = deleted.WhopPaymentId,
                    ConversionId = deleted.Id, AmountCents = -500, Status = "succeeded", CreatedAt = At.AddHours(21), UpdatedAt = At.AddHours(21) });
            await db.SaveChangesAsync(ct);
        }
        await using (var db = host.CreateDbContext())
        {
            await db.RevenueAdjustments.Where(a => a.Id == refund.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.AmountCents, -2000), ct);
            await db.RevenueAdjustments.Where(a => a.Id == refund.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.AmountCents, -3500), ct);
        }

        await using (var db = host.CreateDbContext())
        {
            // The pending save is confirmed by the recovery's payment; a re-attribution moves a conversion to another member and send.
            await db.Conversions.Where(c => c.Id == pendingSave.Id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, ConversionState.Confirmed).SetProperty(c => c.ConfirmedByPaymentId, recovery.WhopPaymentId), ct);
            var other = SentTo(3);
            await db.Conversions.Where(c => c.Id == moved.Id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.MemberId, _members[3].Id).SetProperty(c => c.AttributedSendId, other.Id)
                .SetProperty(c => c.AttributedPlaybookId, other.PlaybookId).SetProperty(c => c.AttributedStepId, other.StepId), ct);
            await db.Conversions.Where(c => c.Id == deleted.Id).ExecuteDeleteAsync(ct);
            // The lead turns out to be member 5; member 4's enrolments end, by a late event, before its upgrade.
            await db.Leads.Where(l => l.Id == _lead.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.WhopUserId, _members[5].WhopUserId), ct);
            await db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Member && e.SubjectId == _members[4].Id).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrollmentStatus.Exited).SetProperty(e => e.EndedAt, At.AddHours(20)), ct);
        }

        // The goal ends member 0's enrolments through the entity, as the payment handler does.
        await using (var db = host.CreateDbContext())
        {
            foreach (var enrollment in await db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Member && e.SubjectId == _members[0].Id).ToListAsync(ct))
                enrollment.Convert(At.AddHours(6));
            await db.SaveChangesAsync(ct);
        }

        // Sends move on: the rest go out, fail or are canceled; a credited send is re-timed; one send is deleted.
        await using (var db = host.CreateDbContext())
        {
            var unsent = _sends.Where(s => s.SentAt is null).Select(s => s.Id).ToList();
            await db.Sends.Where(s => s.Id == unsent[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Canceled), ct);
            await db.Sends.Where(s => s.Id == unsent[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Failed), ct);
            await db.Sends.Where(s => s.Id == unsent[2]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Sending), ct);
            foreach (var send in await db.Sends.Where(s => unsent.Skip(3).Contains(s.Id)).ToListAsync(ct))
            {
                send.Claim(send.ScheduledFor.AddMinutes(5));
                send.MarkSent(send.ScheduledFor.AddHours(2), null);
            }
            await db.SaveChangesAsync(ct);
            await db.Sends.Where(s => s.Id == recovery.AttributedSendId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SentAt, At.AddDays(5)), ct);
            await db.Sends.Where(s => s.Id == sent.Last().Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Channel, MessageChannel.Email), ct);
            var unused = sent.Select(s => s.Id).Except(new[] { first, refunded, afterLateEnd, moved, recovery, pendingSave }.Select(c => c.AttributedSendId!.Value))
                .Except(new[] { SentTo(3).Id }).First();
            await db.Sends.Where(s => s.Id == unused).ExecuteDeleteAsync(ct);
        }
    }
}
