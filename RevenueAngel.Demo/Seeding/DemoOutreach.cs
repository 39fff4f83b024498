using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Demo;

/// Plays the three default playbooks over the simulated history: enrollments, their sends (sent, clicked,
/// canceled by a conversion, or still scheduled) and last-touch attributed conversions.
internal sealed class DemoOutreach(Random random, DateTimeOffset now, string companyId, int attributionWindowDays)
{
    private const double HoldoutRate = 0.1;

    /// How much more often a messaged subject converts than one held out (0.6 = 60% more): the demo's messages work,
    /// so its experiments find a lift, and a test checks the report's interval covers this one.
    public const double SimulatedLift = 0.6;
    private const double ClickRate = 0.35;
    private readonly Dictionary<(long PlaybookId, long SubjectId), int> _entries = [];
    private int _messageNumber;

    public List<DemoJourney> Journeys { get; } = [];

    public void Enroll(Playbook playbook, SubjectKind kind, long subjectId, DateTimeOffset start, DateTimeOffset? end,
        bool lost = false, Payment? payment = null, ConversionType? type = null, long? memberId = null)
    {
        var key = (playbook.Id, subjectId);
        var entry = _entries[key] = _entries.GetValueOrDefault(key) + 1;
        var enrollment = new Enrollment
        {
            CompanyId = companyId, PlaybookId = playbook.Id, SubjectKind = kind, SubjectId = subjectId,
            EntryNumber = entry, EnteredAt = start, Group = random.NextDouble() < HoldoutRate ? "holdout" : "treatment",
        };
        Journeys.Add(new DemoJourney(enrollment, playbook, start, end, lost, payment, type, memberId));
    }

    /// Decides holdout and treatment once every journey's outcome is known, so that treatment converts SimulatedLift
    /// more often than holdout with HoldoutRate of each playbook's subjects held out: with c the share that converts,
    /// holdout converts at c / (h + (1 − h)(1 + lift)). The counts are allotted, not drawn, so that even the small
    /// recovery playbook's holdout shows the lift rather than the luck of a few draws; who is held out is random.
    public void AssignGroups(Random groups)
    {
        foreach (var playbook in Journeys.Select((j, i) => (Journey: j, Index: i)).GroupBy(x => x.Journey.Playbook.Id))
        {
            var all = playbook.ToList();
            var converting = all.Where(x => x.Journey.ConvertingPayment is not null).OrderBy(_ => groups.Next()).ToList();
            var others = all.Where(x => x.Journey.ConvertingPayment is null).OrderBy(_ => groups.Next()).ToList();
            var held = (int)Math.Round(all.Count * HoldoutRate);
            var share = (double)converting.Count / all.Count;
            var heldConverting = Math.Min(converting.Count, (int)Math.Round(held * share / (HoldoutRate + (1 - HoldoutRate) * (1 + SimulatedLift))));
            var holdout = converting.Take(heldConverting).Concat(others.Take(held - heldConverting)).Select(x => x.Index).ToHashSet();
            foreach (var (journey, index) in all)
            {
                var e = journey.Enrollment;
                Journeys[index] = journey with
                {
                    Enrollment = new Enrollment
                    {
                        CompanyId = e.CompanyId, PlaybookId = e.PlaybookId, SubjectKind = e.SubjectKind, SubjectId = e.SubjectId,
                        EntryNumber = e.EntryNumber, EnteredAt = e.EnteredAt, Group = holdout.Contains(index) ? "holdout" : "treatment",
                    },
                };
            }
        }
    }

    /// Needs saved enrollments (their ids). Also ends each enrollment as its journey did.
    public IEnumerable<Send> PlanSends()
    {
        foreach (var journey in Journeys)
        {
            var at = journey.Start;
            var allSent = true;
            foreach (var step in journey.Playbook.Steps.OrderBy(s => s.Position))
            {
                at = at.AddMinutes(step.DelayMinutes);
                if (journey.Enrollment.Group == "holdout") continue;
                var send = Send.Schedule(companyId, journey.Playbook.Id, step.Id, journey.Enrollment.Id, step.Channel, at);
                if (at <= now && (journey.End is null || at < journey.End))
                {
                    send.Claim(at.AddMinutes(2));
                    var sentAt = at.AddSeconds(random.Next(1, 40));
                    send.MarkSent(sentAt, $"msg_demo_{++_messageNumber:D6}");
                    var clickAt = sentAt.AddMinutes(random.Next(2, 600));
                    if (random.NextDouble() < ClickRate && clickAt <= now && (journey.End is null || clickAt < journey.End))
                        send.RecordClick(clickAt);
                }
                else
                {
                    allSent = false;
                    if (journey.End is not null) send.Cancel();
                }
                journey.Sends.Add(send);
            }
            End(journey, allSent, at);
        }
        return Journeys.SelectMany(j => j.Sends);
    }

    /// Needs saved sends (their ids): last touch is the newest clicked send in the window, else the newest sent.
    public IEnumerable<Conversion> Conversions() =>
        Journeys.Where(j => j.ConvertingPayment is not null).Select(j =>
        {
            var convertedAt = j.End!.Value;
            var inWindow = j.Sends
                .Where(s => s.SentAt is { } sent && sent <= convertedAt && sent >= convertedAt.AddDays(-attributionWindowDays))
                .ToList();
            var touch = inWindow.Where(s => s.ClickedAt is not null).MaxBy(s => s.ClickedAt)
                ?? inWindow.MaxBy(s => s.SentAt);
            return new Conversion
            {
                CompanyId = companyId, MemberId = j.MemberId, WhopPaymentId = j.ConvertingPayment!.Id,
                Type = j.ConversionType!.Value, RevenueCents = j.ConvertingPayment.TotalCents,
                Currency = j.ConvertingPayment.Currency, AttributedSendId = touch?.Id, CreatedAt = convertedAt,
                AttributedPlaybookId = touch?.PlaybookId, AttributedStepId = touch?.StepId,
                AttributionMethod = touch is null ? AttributionMethod.None : touch.ClickedAt is not null ? AttributionMethod.Click : AttributionMethod.Delivery,
                AttributionWindowDays = attributionWindowDays,
                RecoveredBy = j.ConversionType == ConversionType.Recovery ? touch is null ? RecoverySource.Whop : RecoverySource.Ours : null,
            };
        });

    private void End(DemoJourney journey, bool allSent, DateTimeOffset lastStepAt)
    {
        if (journey.ConvertingPayment is not null) journey.Enrollment.Convert(journey.End!.Value);
        else if (journey.Lost) journey.Enrollment.Exit(journey.End!.Value, "membership canceled");
        else if (journey.End is { } end) journey.Enrollment.Exit(end, "no longer eligible");
        else if (allSent && lastStepAt.AddDays(3) <= now) journey.Enrollment.Complete(lastStepAt.AddDays(3));
    }
}
