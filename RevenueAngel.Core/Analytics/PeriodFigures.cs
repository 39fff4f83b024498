using RevenueAngel.Core.Attribution;

namespace RevenueAngel.Core.Analytics;

/// What the playbooks did in one window. Revenue is in the company's currency, net of refunds and lost disputes.
public sealed record PeriodFigures(
    long RecoveredRevenueCents,
    long InfluencedRevenueCents,
    IReadOnlyDictionary<ConversionType, int> ConversionsByType,
    int AttributedConversions,
    int Sends,
    int Clicks,
    int Enrollments,
    int ConvertedEnrollments,
    int ActiveEnrollments)
{
    /// Clicked sends per sent message; null before anything was sent.
    public double? ClickThroughRate => Sends == 0 ? null : (double)Clicks / Sends;

    /// Enrolments that reached their goal per enrolment entered; null without enrolments.
    public double? ConversionRate => Enrollments == 0 ? null : (double)ConvertedEnrollments / Enrollments;
}
