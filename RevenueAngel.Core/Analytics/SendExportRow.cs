using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Core.Analytics;

public sealed record SendExportRow(long Id, string Playbook, int StepPosition, long EnrollmentId, SendStatus Status,
    DateTimeOffset ScheduledFor, DateTimeOffset? SentAt, DateTimeOffset? ClickedAt, int ClickCount, string? Variant, string? Title,
    Messaging.MessageChannel Channel = Messaging.MessageChannel.Push);
