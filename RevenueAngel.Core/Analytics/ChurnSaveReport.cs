namespace RevenueAngel.Core.Analytics;

/// ChurnSave over one window, in the company's currency. Failed payments are those that failed in the window (the
/// rates follow them); recoveries, saves and win-backs are those recorded in it, saves in their state today. A save
/// is lost when its member cancels again within SaveConfirmationDays before a payment confirmed it.
public sealed record ChurnSaveReport(
    int FailedPayments,
    long FailedCents,
    int FailedThenPaid,
    long FailedThenPaidCents,
    int RecoveredByUs,
    long RecoveredByUsCents,
    int RecoveredByWhop,
    long RecoveredByWhopCents,
    int SavesPending,
    long SavesPendingCents,
    int SavesConfirmed,
    long SavesConfirmedCents,
    int SavesLost,
    int WinBacks,
    long WinBackCents,
    int SaveConfirmationDays)
{
    /// Saves by offer kind: offers made in the window and the saves their acceptances made (every kind listed).
    public IReadOnlyList<OfferKindSaves> ByOffer { get; init; } = [];

    public int Recovered => RecoveredByUs + RecoveredByWhop;

    public long RecoveredCents => RecoveredByUsCents + RecoveredByWhopCents;

    /// Payments that failed in the window and were paid since, per payment that failed in it; null without failures.
    public double? RecoveryRateByCount => FailedPayments == 0 ? null : (double)FailedThenPaid / FailedPayments;

    /// The amount of those paid since, per amount that failed in the window; null without failed money.
    public double? RecoveryRateByDollars => FailedCents == 0 ? null : (double)FailedThenPaidCents / FailedCents;

    /// Money that stayed: confirmed saves, recoveries and win-backs, net of refunds. Pending saves are not in it yet.
    public long RevenueKeptCents => SavesConfirmedCents + RecoveredCents + WinBackCents;
}
