namespace RevenueAngel.Core.Experiments;

/// The sample an experiment needs before it may have a verdict, fixed in advance (the verdict's interval is the
/// always-valid one, so looking at the results every day cannot pick a lucky moment either): 100 subjects per arm keeps one big payment from deciding revenue per
/// subject, and 20 conversions between the two arms means the difference rests on more than a handful of events
/// (the Wilson-based interval stays honest even if one arm has none, so the count is not per arm).
public static class SampleSizeRule
{
    public const int MinSubjectsPerArm = 100;
    public const int MinConversions = 20;

    public const string Explanation =
        "A verdict waits until each arm has at least 100 subjects and the two arms 20 conversions between them; then one arm wins only "
        + "if an always-valid 95% interval of the difference in conversion rate (wider than the usual one, so that checking every day "
        + "cannot produce a false winner) lies entirely above or below zero.";

    /// Null when the sample suffices; otherwise how far along it is, as the tightest of the three requirements.
    public static (long Have, long Need, string What)? Shortfall(ArmSummary baseline, ArmSummary challenger)
    {
        var smaller = baseline.Subjects <= challenger.Subjects ? baseline : challenger;
        if (smaller.Subjects < MinSubjectsPerArm) return (smaller.Subjects, MinSubjectsPerArm, $"subjects in {smaller.Group}");
        var conversions = baseline.Conversions + challenger.Conversions;
        if (conversions < MinConversions) return (conversions, MinConversions, "conversions");
        return null;
    }
}
