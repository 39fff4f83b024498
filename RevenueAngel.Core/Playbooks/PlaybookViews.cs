using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

public sealed record PlaybookSummary(long Id, string Name, PlaybookType Type, bool Enabled, PlaybookTrigger Trigger, PlaybookGoal Goal,
    int Priority, int Steps, int ActiveEnrollments);

public sealed record PlaybookStepView(long Id, int Position, int DelayMinutes, MessageChannel Channel, long TemplateId, string TemplateName);

public sealed record PlaybookDetail(long Id, string Name, PlaybookType Type, bool Enabled, PlaybookTrigger Trigger, PlaybookGoal Goal,
    string? GoalPlanId, int Priority, int? ReentryAfterDays, int HoldoutPercent, string TargetRules, IReadOnlyList<PlaybookStepView> Steps);
