namespace RevenueAngel.Core.Analytics;

/// A figure for the chosen period next to the same figure for the period before it.
public readonly record struct Change(double Current, double Previous)
{
    /// Relative change, or null when there is nothing to compare with (the previous period was zero).
    public double? Percent => Previous == 0 ? null : (Current - Previous) / Math.Abs(Previous);

    public int Direction => Current.CompareTo(Previous);
}
