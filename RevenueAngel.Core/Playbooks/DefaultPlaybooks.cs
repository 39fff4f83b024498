using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// The product's three default playbooks (First purchase, Upgrade to Pro, Payment failed recovery) with their
/// message templates, installed for every company.
public static class DefaultPlaybooks
{
    /// Adds and saves them (templates first: steps point at their ids); returns them by type.
    public static async Task<IReadOnlyDictionary<PlaybookType, Playbook>> InstallAsync(
        RevenueAngelDbContext db, string companyId, DateTimeOffset at, bool enabled, CancellationToken ct)
    {
        var catalog = Catalog(companyId, at, enabled);
        db.MessageTemplates.AddRange(catalog.SelectMany(p => p.Steps).Select(s => s.Template));
        await db.SaveChangesAsync(ct);

        foreach (var (playbook, steps) in catalog)
        {
            playbook.Steps.AddRange(steps.Select((s, i) => new PlaybookStep
            {
                Position = i + 1, DelayMinutes = s.DelayMinutes, Channel = s.Channel, TemplateId = s.Template.Id,
            }));
            db.Playbooks.Add(playbook);
        }
        await db.SaveChangesAsync(ct);
        return catalog.ToDictionary(p => p.Playbook.Type, p => p.Playbook);
    }

    private static (Playbook Playbook, (int DelayMinutes, MessageChannel Channel, MessageTemplate Template)[] Steps)[] Catalog(
        string companyId, DateTimeOffset createdAt, bool enabled)
    {
        MessageTemplate Template(string name, string title, string body, string cta, string url) => new()
        {
            CompanyId = companyId, Name = name, Tone = MessageTone.Friendly, Title = title, Body = body,
            CtaLabel = cta, CtaUrl = url, CreatedAt = createdAt, UpdatedAt = createdAt,
        };

        var firstPurchase = new Playbook
        {
            CompanyId = companyId, Name = "First purchase", Type = PlaybookType.Nurture, Enabled = enabled,
            Trigger = PlaybookTrigger.SegmentEntry, Goal = PlaybookGoal.FirstPayment, Priority = 10,
            TargetRules = """{"all":[{"field":"lead_age_days","op":"<=","value":30}]}""", CreatedAt = createdAt,
        };
        var upgrade = new Playbook
        {
            CompanyId = companyId, Name = "Upgrade to Pro", Type = PlaybookType.Upsell, Enabled = enabled,
            Trigger = PlaybookTrigger.SegmentEntry, Goal = PlaybookGoal.Upgrade, Priority = 20,
            ReentryAfterDays = 90,
            TargetRules = """{"all":[{"field":"tenure_days","op":">=","value":30},{"field":"membership_status","op":"in","value":["active"]}]}""",
            CreatedAt = createdAt,
        };
        var recovery = new Playbook
        {
            CompanyId = companyId, Name = "Payment failed recovery", Type = PlaybookType.ChurnSave, Enabled = enabled,
            Trigger = PlaybookTrigger.PaymentFailed, Goal = PlaybookGoal.PaymentRecovered, Priority = 100,
            ReentryAfterDays = 0, CreatedAt = createdAt,
        };

        return
        [
            (firstPurchase,
            [
                (60, MessageChannel.Push, Template("First purchase · reminder", "Still thinking about {{ community_name }}?",
                    "Hey {{ first_name }}, your spot in {{ community_name }} is waiting. Members get the full playbook from day one.",
                    "Join now", "{{ checkout_url }}")),
                (1440, MessageChannel.Push, Template("First purchase · social proof", "{{ member_count }} creators are already inside",
                    "{{ first_name }}, here is what members shipped this week. {{ plan_name }} is {{ plan_price }} a month.",
                    "See the plans", "{{ checkout_url }}")),
                (4320, MessageChannel.DirectMessage, Template("First purchase · last call", "Last call, {{ first_name }}",
                    "This is the last nudge from us. If {{ community_name }} is not for you, no hard feelings.",
                    "Join {{ community_name }}", "{{ checkout_url }}")),
            ]),
            (upgrade,
            [
                (0, MessageChannel.Push, Template("Upgrade · value", "You have outgrown {{ plan_name }}",
                    "{{ days_as_member }} days in, {{ first_name }}. Pro adds live calls and the template vault for {{ upgrade_plan_price }}.",
                    "Upgrade to Pro", "{{ offer_url }}")),
                (4320, MessageChannel.DirectMessage, Template("Upgrade · reminder", "Pro is one tap away",
                    "Hey {{ first_name }}, members who upgrade to {{ upgrade_plan_name }} get twice the feedback. Want in?",
                    "Upgrade", "{{ offer_url }}")),
            ]),
            (recovery,
            [
                (0, MessageChannel.Push, Template("Recovery · card declined", "Your payment didn't go through",
                    "Hi {{ first_name }}, your {{ amount_due }} payment for {{ plan_name }} failed (card ending {{ card_last4 }}). Update it to keep access.",
                    "Update payment", "{{ update_payment_url }}")),
                (2880, MessageChannel.DirectMessage, Template("Recovery · reminder", "Keep your spot in {{ community_name }}",
                    "{{ first_name }}, we'd hate to lose you. It takes 30 seconds to update your card.",
                    "Update card", "{{ update_payment_url }}")),
                (5760, MessageChannel.Push, Template("Recovery · final", "Access ends soon",
                    "Last reminder, {{ first_name }}: update your payment to stay in {{ community_name }}.",
                    "Keep my access", "{{ update_payment_url }}")),
            ]),
        ];
    }
}
