namespace RevenueAngel.Core.Companies;

/// Where the company's copy of its Whop data stands (stored in the companies row).
public sealed class CompanySyncState
{
    public SyncStatus Status { get; set; } = SyncStatus.Idle;
    /// Set when a sync is wanted (install, "Sync now"); cleared when one starts.
    public DateTimeOffset? RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Progress { get; set; }
    public string? LastError { get; set; }
    /// Whop answered 401/403: the app was uninstalled or a permission withdrawn.
    public DateTimeOffset? DisconnectedAt { get; set; }
    public int Plans { get; set; }
    public int Products { get; set; }
    public int Memberships { get; set; }
    public int Members { get; set; }
    /// Payments Whop changed before this moment (our clock, at the start of the last complete reconcile) have been fed
    /// through the webhook handlers; the next reconcile lists from here, less an overlap. Null: never reconciled.
    public DateTimeOffset? PaymentsReconciledUntil { get; set; }
    /// Payment and refund states the last reconcile found missing here and queued for the handlers.
    public int PaymentsHealed { get; set; }

    public bool IsDisconnected => DisconnectedAt is not null;
}
