namespace RevenueAngel.Core.Experiments;

public sealed record ArmResult(string Group, long Subjects, long Conversions, double ConversionRate, Interval ConversionRateInterval,
    double RevenuePerSubjectCents)
{
    public static ArmResult Of(ArmSummary arm) => new(arm.Group, arm.Subjects, arm.Conversions, arm.ConversionRate,
        ExperimentStatistics.Wilson(arm.Conversions, arm.Subjects), arm.RevenuePerSubjectCents);
}
