namespace RevenueAngel.Core.Experiments;

/// What one arm saw, enough for every estimate: revenue is net of refunds and lost disputes, per subject, and its sum
/// of squares gives the arm's revenue variance without the rows.
public sealed record ArmSummary(string Group, long Subjects, long Conversions, double RevenueCents, double RevenueSquaresCents)
{
    public double ConversionRate => Subjects == 0 ? 0 : (double)Conversions / Subjects;
    public double RevenuePerSubjectCents => Subjects == 0 ? 0 : RevenueCents / Subjects;

    /// Sample variance of revenue per subject.
    public double RevenueVariance => Subjects < 2
        ? 0
        : Math.Max(0, (RevenueSquaresCents - RevenueCents * RevenueCents / Subjects) / (Subjects - 1));

    public static ArmSummary Of(string group, IEnumerable<(bool Converted, double RevenueCents)> subjects)
    {
        long n = 0, conversions = 0;
        double sum = 0, squares = 0;
        foreach (var (converted, revenue) in subjects)
        {
            n++;
            if (converted) conversions++;
            sum += revenue;
            squares += revenue * revenue;
        }
        return new ArmSummary(group, n, conversions, sum, squares);
    }
}
