namespace RevenueAngel.Core.Analytics;

/// One step's sends in the window: scheduled (every send made for it), sent, clicked, and the conversions they
/// were credited with (delivery attribution credits a send that was never clicked).
public sealed record StepFunnel(long StepId, int Position, string? Title, bool Archived, int Scheduled, int Sent, int Clicked,
    int Converted, long RevenueCents);
