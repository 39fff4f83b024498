using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Analytics;

/// One playbook's row of the per-playbook table.
public sealed record PlaybookPerformance(long PlaybookId, string Name, PlaybookType Type, bool Deleted,
    int Sends, int Clicks, int Conversions, long RevenueCents)
{
    public double? ClickThroughRate => Sends == 0 ? null : (double)Clicks / Sends;
}
