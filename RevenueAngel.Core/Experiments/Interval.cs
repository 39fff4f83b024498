namespace RevenueAngel.Core.Experiments;

/// A two-sided 95% interval.
public sealed record Interval(double Low, double High)
{
    public bool IsAboveZero => Low > 0;
    public bool IsBelowZero => High < 0;

    public Interval Times(double factor) => factor >= 0 ? new(Low * factor, High * factor) : new(High * factor, Low * factor);
}
