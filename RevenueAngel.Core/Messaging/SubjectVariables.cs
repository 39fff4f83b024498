using System.Globalization;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Messaging;

/// The values of MessageVariables for one subject of one playbook, read from our own tables. A value we do not
/// have is left out, so the template's fallback applies or the render refuses.
public sealed class SubjectVariables(Microsoft.Extensions.Options.IOptions<MessagingOptions> settings)
{
    private MessagingOptions Options => settings.Value;

    public async Task<SubjectValues> LoadAsync(RevenueAngelDbContext db, Company company, PlaybookType type, string? goalPlanId,
        SubjectKind kind, long subjectId, DateTimeOffset now, CancellationToken ct)
    {
        var sources = await VariableSources.LoadAsync(db, [company.Id], kind == SubjectKind.Member ? [subjectId] : [],
            kind == SubjectKind.Lead ? [subjectId] : [], ct);
        return Of(sources, company, type, goalPlanId, kind, subjectId, now);
    }

    /// Whether any of the templates may read `member_count` (a mention anywhere is enough).
    public static bool CountsMembers(IEnumerable<MessageTemplate> templates) =>
        templates.Any(t => new[] { t.Title, t.Body, t.CtaLabel, t.CtaUrl, t.Preheader }.Any(text => text?.Contains("member_count", StringComparison.Ordinal) == true));

    /// The values from rows read beforehand (VariableSources), for one subject among many.
    public SubjectValues Of(VariableSources sources, Company company, PlaybookType type, string? goalPlanId, SubjectKind kind, long subjectId,
        DateTimeOffset now)
    {
        var plans = sources.Plans.GetValueOrDefault(company.Id) ?? [];
        var values = new Dictionary<string, string?>
        {
            ["community_name"] = company.Name,
            ["member_count"] = sources.ActiveMembers.GetValueOrDefault(company.Id).ToString("N0", CultureInfo.InvariantCulture),
        };

        if (kind == SubjectKind.Lead)
        {
            var lead = sources.Leads.GetValueOrDefault(subjectId) is { } found && found.CompanyId == company.Id
                ? found : throw new InvalidOperationException($"Lead {subjectId} is not one of company {company.Id}'s.");
            values["first_name"] = FirstName(lead.Name);
            var entry = plans.FirstOrDefault(p => p.Id == goalPlanId)
                ?? plans.Where(p => p.RenewalPriceCents > 0 || p.InitialPriceCents > 0).OrderBy(p => p.MonthlyPriceCents).FirstOrDefault();
            AddPlan(values, "plan", entry);
            values["checkout_url"] = values["offer_url"] = Checkout(entry);
            return new SubjectValues(values, entry?.Id);
        }

        var member = sources.Members.GetValueOrDefault(subjectId) is { } known && known.CompanyId == company.Id
            ? known : throw new InvalidOperationException($"Member {subjectId} is not one of company {company.Id}'s.");
        values["first_name"] = FirstName(member.Name) ?? member.Username;
        values["days_as_member"] = WholeDays.Since(member.CreatedAt, now).ToString(CultureInfo.InvariantCulture);
        values["update_payment_url"] = member.WhopMemberId is { } whopMember
            ? string.Format(CultureInfo.InvariantCulture, Options.BillingUrlFormat, Uri.EscapeDataString(whopMember))
            : null;
        var membership = sources.CurrentMembership.GetValueOrDefault(member.Id);
        if (membership?.ManageUrl is { } manage) values["update_payment_url"] = manage;
        var current = plans.FirstOrDefault(p => p.Id == membership?.PlanId);
        AddPlan(values, "plan", current);

        var upgrade = plans.FirstOrDefault(p => p.Id == goalPlanId)
            ?? plans.Where(p => current is null || (p.MonthlyPriceCents > current.MonthlyPriceCents && p.ProductId == current.ProductId))
                .OrderBy(p => p.MonthlyPriceCents).FirstOrDefault()
            ?? plans.Where(p => current is null || p.MonthlyPriceCents > current.MonthlyPriceCents).OrderBy(p => p.MonthlyPriceCents).FirstOrDefault();
        AddPlan(values, "upgrade_plan", upgrade);
        var target = type == PlaybookType.Upsell ? upgrade : current;
        values["checkout_url"] = values["offer_url"] = Checkout(target);

        if (sources.OpenFailure.GetValueOrDefault(member.Id) is { } failed)
        {
            values["amount_due"] = new Money(failed.TotalCents, failed.Currency).ToString();
            values["card_last4"] = failed.CardLast4;
        }
        return new SubjectValues(values, target?.Id);
    }

    private string? Checkout(Plan? plan) =>
        plan is null ? null : string.Format(CultureInfo.InvariantCulture, Options.CheckoutUrlFormat, Uri.EscapeDataString(plan.Id));

    private static void AddPlan(Dictionary<string, string?> values, string prefix, Plan? plan)
    {
        if (plan is null) return;
        values[$"{prefix}_name"] = plan.Title;
        values[$"{prefix}_price"] = new Money(plan.RenewalPriceCents > 0 ? plan.RenewalPriceCents : plan.InitialPriceCents, plan.Currency).ToString();
    }

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}

/// <param name="CheckoutPlanId">The plan `checkout_url` and `offer_url` sell, when there is one.</param>
public sealed record SubjectValues(Dictionary<string, string?> Values, string? CheckoutPlanId);
