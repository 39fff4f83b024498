using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeOnly Nine = new(21, 0), Eight = new(8, 0);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void OutsideTheWindowNothingWaits()
    {
        Assert.Null(QuietHours.DeferUntil(Utc(2026, 11, 26, 17), NewYork, Nine, Eight)); // 12:00 in New York
    }

    [Fact]
    public void LateEveningWaitsUntilEightTheNextMorningLocal()
    {
        // 22:00 EST on Nov 26 is 03:00Z on Nov 27; 08:00 EST is 13:00Z.
        Assert.Equal(Utc(2026, 11, 27, 13), QuietHours.DeferUntil(Utc(2026, 11, 27, 3), NewYork, Nine, Eight));
    }

    [Fact]
    public void EarlyMorningWaitsUntilEightTheSameDay()
    {
        Assert.Equal(Utc(2026, 11, 27, 13), QuietHours.DeferUntil(Utc(2026, 11, 27, 10), NewYork, Nine, Eight)); // 05:00 EST
    }

    [Fact]
    public void TheNightClocksFallBackTheWindowStillEndsAtEightLocal()
    {
        // 22:00 EDT on Oct 31 2026 (02:00Z Nov 1); clocks fall back at 02:00 on Nov 1, so 08:00 is EST: 13:00Z, not 12:00Z.
        Assert.Equal(Utc(2026, 11, 1, 13), QuietHours.DeferUntil(Utc(2026, 11, 1, 2), NewYork, Nine, Eight));
    }

    [Fact]
    public void TheNightClocksSpringForwardTheWindowStillEndsAtEightLocal()
    {
        // 22:00 EST on Mar 13 2027 (03:00Z Mar 14); clocks spring forward on Mar 14, so 08:00 is EDT: 12:00Z.
        Assert.Equal(Utc(2027, 3, 14, 12), QuietHours.DeferUntil(Utc(2027, 3, 14, 3), NewYork, Nine, Eight));
    }

    [Fact]
    public void AWindowEndingInsideTheSpringForwardGapEndsWhenTheClockResumes()
    {
        // Quiet 01:00–02:30 local; 02:30 does not exist on Mar 14 2027 in New York, the clock jumps to 03:00 EDT (07:00Z).
        Assert.Equal(Utc(2027, 3, 14, 7), QuietHours.DeferUntil(Utc(2027, 3, 14, 6, 30), NewYork, new TimeOnly(1, 0), new TimeOnly(2, 30)));
    }

    [Fact]
    public void ADaytimeWindowThatDoesNotCrossMidnightWorksToo()
    {
        var lunch = (Start: new TimeOnly(12, 0), End: new TimeOnly(13, 0));
        Assert.Equal(Utc(2026, 11, 26, 18), QuietHours.DeferUntil(Utc(2026, 11, 26, 17, 30), NewYork, lunch.Start, lunch.End));
        Assert.Null(QuietHours.DeferUntil(Utc(2026, 11, 26, 18), NewYork, lunch.Start, lunch.End));
    }
}
