namespace RevenueAngel.Tests.Deployment.Replicas;

/// The replica tests' check for a trigger running on two schedules at once.
public sealed class JobFiringsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static JobFirings FiredAt(params double[] seconds) =>
        new([.. seconds.Select(s => new JobFirings.Firing(0, "WebhookProcessingJob", Start.AddSeconds(s), "node"))], []);

    [Fact]
    public void TwoSchedulesAtOnceAreReported() =>
        Assert.NotEmpty(FiredAt(0, 0.5, 2, 2.5, 4, 4.5).FiredCloserThan("WebhookProcessingJob", Interval, Start));

    [Fact]
    public void OneScheduleThatMovedOnceIsNot() =>
        Assert.Empty(FiredAt(12, 14, 16, 17.507, 19.507, 21.507).FiredCloserThan("WebhookProcessingJob", Interval, Start));

    [Fact]
    public void OneScheduleIsNot() =>
        Assert.Empty(FiredAt(0, 2, 4, 6).FiredCloserThan("WebhookProcessingJob", Interval, Start));
}
