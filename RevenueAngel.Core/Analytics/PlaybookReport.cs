namespace RevenueAngel.Core.Analytics;

/// One playbook over a window, with its funnel step by step.
public sealed record PlaybookReport(string Currency, AnalyticsWindow Window, PlaybookPerformance Totals, IReadOnlyList<StepFunnel> Steps);
