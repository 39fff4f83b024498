using RevenueAngel.Core.Billing;
using System.Globalization;
using System.Linq.Expressions;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Segments;

/// Turns target rules into one EF filter, so enrolment and preview are single set-based queries. Same
/// semantics as InMemoryRuleEvaluator.
public sealed class SqlRuleEvaluator(RevenueAngelDbContext db, DateTimeOffset now)
{
    /// The ids of the company's leads or members the rule selects.
    public IQueryable<long> Matching(string companyId, SubjectKind kind, TargetRule? rule) => kind == SubjectKind.Lead
        ? db.Leads.Where(l => l.CompanyId == companyId).Where(ForLeads(rule)).Select(l => l.Id)
        : db.Members.Where(m => m.CompanyId == companyId).Where(ForMembers(rule)).Select(m => m.Id);

    public Expression<Func<Member, bool>> ForMembers(TargetRule? rule) => rule switch
    {
        null => Predicate.True<Member>(),
        RuleGroup g => Group(g, ForMembers),
        RuleCondition c => MemberCondition(c),
        _ => Predicate.False<Member>(),
    };

    public Expression<Func<Lead, bool>> ForLeads(TargetRule? rule) => rule switch
    {
        null => Predicate.True<Lead>(),
        RuleGroup g => Group(g, ForLeads),
        RuleCondition { Field: "lead_source" } c => In<Lead>(c, values => l => values.Contains(l.Source)),
        RuleCondition { Field: "lead_status" } c => LeadStatuses(c),
        RuleCondition { Field: "lead_age_days" } c => WholeDays.Compare<Lead>(c.Operator, c.Number!.Value, now, bound => l => l.CapturedAt > bound),
        _ => Predicate.False<Lead>(),
    };

    private static Expression<Func<T, bool>> Group<T>(RuleGroup group, Func<TargetRule, Expression<Func<T, bool>>> child) =>
        group.Children.Select(child).Aggregate(group.RequireAll ? Predicate.True<T>() : Predicate.False<T>(),
            (all, next) => group.RequireAll ? Predicate.And(all, next) : Predicate.Or(all, next));

    private Expression<Func<Member, bool>> MemberCondition(RuleCondition c)
    {
        var memberships = db.Memberships;
        var payments = db.Payments;
        var sends = db.Sends;
        var enrollments = db.Enrollments;
        var list = c.Texts ?? [];
        var negate = c.Operator == "not_in";
        switch (c.Field)
        {
            // Separate shapes for in / not_in (not a compared boolean), so the database can use its indexes.
            case "membership_status" when negate:
                return m => memberships.Any(ms => ms.MemberId == m.Id && !list.Contains(ms.Status));
            case "membership_status":
                return m => memberships.Any(ms => ms.MemberId == m.Id && list.Contains(ms.Status));
            case "plan" when negate:
                return m => memberships.Any(ms => ms.MemberId == m.Id && !list.Contains(ms.PlanId));
            case "plan":
                return m => memberships.Any(ms => ms.MemberId == m.Id && list.Contains(ms.PlanId));
            case "product" when negate:
                return m => memberships.Any(ms => ms.MemberId == m.Id && ms.ProductId != null && !list.Contains(ms.ProductId));
            case "product":
                return m => memberships.Any(ms => ms.MemberId == m.Id && ms.ProductId != null && list.Contains(ms.ProductId));
            case "cancel_at_period_end":
                var flag = c.Flag!.Value;
                return m => memberships.Any(ms => ms.MemberId == m.Id && ms.CancelAtPeriodEnd == flag);
            case "tenure_days":
                return WholeDays.Compare<Member>(c.Operator, c.Number!.Value, now, bound => m => m.CreatedAt > bound);
            case "total_spent":
                return Numeric(c, m => payments.Where(p => p.MemberId == m.Id && p.PaidAt != null).Sum(p => (long?)p.TotalCents) ?? 0);
            case "failed_payments":
                return Numeric(c, m => payments.Count(p => p.MemberId == m.Id && p.FailedAt != null));
            case "decline_reason":
                var reasons = DeclineReasonsOf(list);
                Expression<Func<Member, bool>> declined = m => payments.Any(p =>
                    p.MemberId == m.Id && p.FailedAt != null && p.PaidAt == null && p.DeclineReason != null && reasons.Contains(p.DeclineReason));
                return negate ? Predicate.Not(declined) : declined;
            case "days_since_last_message":
                return WholeDays.Compare<Member>(c.Operator, c.Number!.Value, now, bound => m =>
                    sends.Any(s => s.SentAt > bound && enrollments.Any(e =>
                        e.Id == s.EnrollmentId && e.SubjectKind == SubjectKind.Member && e.SubjectId == m.Id)));
            case "in_playbook":
                var ids = list.Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
                Expression<Func<Member, bool>> active = m => enrollments.Any(e =>
                    e.SubjectKind == SubjectKind.Member && e.SubjectId == m.Id && e.Status == EnrollmentStatus.Active && ids.Contains(e.PlaybookId));
                return negate ? Predicate.Not(active) : active;
            default:
                return Predicate.False<Member>();
        }
    }

    // Nullable like the column, so the provider converts the list with the column's own converter.
    private static List<DeclineReason?> DeclineReasonsOf(IEnumerable<string> texts) =>
        [.. Enum.GetValues<DeclineReason>().Where(r => texts.Contains(StoredEnum<DeclineReason>.ToText(r))).Select(r => (DeclineReason?)r)];

    private static Expression<Func<T, bool>> In<T>(RuleCondition c, Func<List<string>, Expression<Func<T, bool>>> contains)
    {
        var match = contains([.. c.Texts ?? []]);
        return c.Operator == "in" ? match : Predicate.Not(match);
    }

    private static Expression<Func<Lead, bool>> LeadStatuses(RuleCondition c)
    {
        var statuses = (c.Texts ?? []).Select(t => Enum.GetValues<LeadStatus>().Where(s => StoredEnum<LeadStatus>.ToText(s) == t))
            .SelectMany(s => s).ToList();
        Expression<Func<Lead, bool>> match = l => statuses.Contains(l.Status);
        return c.Operator == "in" ? match : Predicate.Not(match);
    }

    private static Expression<Func<Member, bool>> Numeric(RuleCondition c, Expression<Func<Member, long>> value)
    {
        var n = c.Number!.Value;
        Expression<Func<long>> bound = () => n;
        var body = c.Operator switch
        {
            "==" => Expression.Equal(value.Body, bound.Body),
            "!=" => Expression.NotEqual(value.Body, bound.Body),
            ">" => Expression.GreaterThan(value.Body, bound.Body),
            ">=" => Expression.GreaterThanOrEqual(value.Body, bound.Body),
            "<" => Expression.LessThan(value.Body, bound.Body),
            "<=" => (Expression)Expression.LessThanOrEqual(value.Body, bound.Body),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator, "Not a numeric operator."),
        };
        return Expression.Lambda<Func<Member, bool>>(body, value.Parameters);
    }
}
