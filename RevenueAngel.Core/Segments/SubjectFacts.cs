namespace RevenueAngel.Core.Segments;

/// What the in-memory evaluator knows about one member, loaded for an event or a test.
public sealed record MemberFacts(
    long MemberId,
    DateTimeOffset JoinedAt,
    IReadOnlyList<MemberFacts.MembershipFact> Memberships,
    long TotalSpentCents,
    int FailedPayments,
    DateTimeOffset? LastMessageAt,
    IReadOnlyCollection<long> ActivePlaybookIds,
    IReadOnlyCollection<string>? OpenDeclineReasons = null)
{
    /// The stored reasons (snake_case) of the member's failed payments not paid since.
    public IReadOnlyCollection<string> OpenDeclineReasons { get; init; } = OpenDeclineReasons ?? [];

    public sealed record MembershipFact(string Status, string PlanId, string? ProductId, bool CancelAtPeriodEnd);
}

public sealed record LeadFacts(long LeadId, string Source, string Status, DateTimeOffset CapturedAt);
