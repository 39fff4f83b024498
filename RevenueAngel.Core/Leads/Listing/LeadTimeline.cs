using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Leads.Listing;

/// A lead's history from the rows that record it: the lead itself, its enrolments, their delivered sends and clicks,
/// and the conversion.
internal static class LeadTimeline
{
    private const int MaxEntries = 200;

    public static async Task<IReadOnlyList<LeadTimelineEntry>> LoadAsync(RevenueAngelDbContext db, Lead lead, CancellationToken ct)
    {
        var entries = new List<LeadTimelineEntry>
        {
            new(lead.CapturedAt, "captured", $"Captured from {lead.Source}" + (lead.UtmSource is { } utm ? $" (utm_source {utm})" : "")),
        };
        if (lead.EmailConsent && lead.ConsentAt is { } consentAt) entries.Add(new(consentAt, "consent", "Agreed to hear from you by email"));

        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.CompanyId == lead.CompanyId && e.SubjectKind == SubjectKind.Lead && e.SubjectId == lead.Id)
            .Join(db.Playbooks, e => e.PlaybookId, p => p.Id, (e, p) => new { e.Id, e.PlaybookId, e.EnteredAt, e.EndedAt, e.EndReason, e.Group, Playbook = p.Name })
            .OrderBy(e => e.EnteredAt).Take(MaxEntries).ToListAsync(ct);
        foreach (var e in enrollments)
        {
            entries.Add(new(e.EnteredAt, "enrolled", $"Entered {e.Playbook}" + (e.Group == HoldoutSplit.Holdout ? " (holdout: no messages)" : "")));
            if (e.EndedAt is { } ended) entries.Add(new(ended, "left", $"Left {e.Playbook}: {e.EndReason}"));
        }

        var enrollmentIds = enrollments.Select(e => e.Id).ToList();
        var sends = await db.Sends.AsNoTracking()
            .Where(s => s.CompanyId == lead.CompanyId && enrollmentIds.Contains(s.EnrollmentId) && s.SentAt != null)
            .Join(db.PlaybookSteps, s => s.StepId, st => st.Id, (s, st) => new { s.SentAt, s.ClickedAt, s.Channel, s.Title, st.Position, s.PlaybookId })
            .OrderBy(s => s.SentAt).Take(MaxEntries).ToListAsync(ct);
        var names = enrollments.DistinctBy(e => e.PlaybookId).ToDictionary(e => e.PlaybookId, e => e.Playbook);
        foreach (var s in sends)
        {
            var what = $"step {s.Position} of {names.GetValueOrDefault(s.PlaybookId)}" + (s.Title is { Length: > 0 } title ? $" “{title}”" : "");
            entries.Add(new(s.SentAt!.Value, "sent", $"Sent {what} by {StoredEnum<Messaging.MessageChannel>.ToText(s.Channel).Replace('_', ' ')}"));
            if (s.ClickedAt is { } clicked) entries.Add(new(clicked, "clicked", $"Clicked {what}"));
        }

        if (lead.ConvertedAt is { } converted)
        {
            var payment = lead.ConvertedPaymentId;
            var conversion = payment is null ? null : await db.Conversions.AsNoTracking()
                .Where(c => c.CompanyId == lead.CompanyId && c.WhopPaymentId == payment)
                .Select(c => new { c.RevenueCents, c.Currency }).FirstOrDefaultAsync(ct);
            entries.Add(new(converted, "converted", conversion is null
                ? "Converted: first payment"
                : $"Converted: first payment of {conversion.RevenueCents / 100m:0.00} {conversion.Currency.ToUpperInvariant()}"));
        }
        return [.. entries.OrderBy(e => e.At).Take(MaxEntries)];
    }
}
