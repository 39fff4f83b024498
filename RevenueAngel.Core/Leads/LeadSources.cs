namespace RevenueAngel.Core.Leads;

/// Where a lead came from; stored as text in <see cref="Lead.Source"/>.
public static class LeadSources
{
    public const string Web = "web";
    public const string Csv = "csv";
    public const string Manual = "manual";
    public const string WhopFreePlan = "whop_free_plan";
    public const string WhopWaitlist = "whop_waitlist";

    public static IReadOnlyList<string> All { get; } = [Web, Csv, Manual, WhopFreePlan, WhopWaitlist];
}
