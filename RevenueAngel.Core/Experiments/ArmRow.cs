namespace RevenueAngel.Core.Experiments;

/// One arm's aggregates as the database returns them, keyed by playbook (or step) and group.
internal sealed record ArmRow(long Key, string Group, long Subjects, long Conversions, double RevenueCents, double RevenueSquaresCents)
{
    public ArmSummary Summary => new(Group, Subjects, Conversions, RevenueCents, RevenueSquaresCents);

    public static ArmSummary Find(IEnumerable<ArmRow> rows, string group) =>
        rows.FirstOrDefault(r => r.Group == group)?.Summary ?? new ArmSummary(group, 0, 0, 0, 0);
}
