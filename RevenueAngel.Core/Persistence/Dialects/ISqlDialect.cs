using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Core.Persistence.Dialects;

/// Everything PostgreSQL and SQLite write differently, defined once per provider: how an instant is stored and
/// bucketed into UTC hours, how a list of ids travels in one parameter, the upserts, locks and
/// statistics. Features write their SQL against this (through <see cref="RevenueAngelDbContext.Dialect"/>) and never
/// ask which provider they run on, claims included (sends and webhook events).
internal interface ISqlDialect
{
    /// The start of the UTC hour a stored instant falls in, stored the same way as the instant.
    string UtcHour(string instant);

    /// An instant as a parameter value, the way the model stores it (timestamptz; UTC ticks on SQLite).
    object Instant(DateTimeOffset value);

    /// A span as a parameter value that SQL adds to a stored instant (an interval; ticks on SQLite).
    object Span(TimeSpan value);

    /// A sub-select yielding each id of the list parameter <paramref name="parameter"/> (set with <see cref="Ids"/>) as a row.
    string EachId(string parameter);

    object Ids(IReadOnlyCollection<long> ids);

    /// After a bulk insert inside the running transaction: fresh statistics, so the next statements are planned for
    /// the rows now there. Nothing to do where the planner does not keep them.
    Task RefreshStatisticsAsync(RevenueAngelDbContext db, string table, CancellationToken ct);

    /// Ends a SELECT of rows to claim: each is locked for the claiming transaction, and rows another transaction holds
    /// are passed over rather than waited for, so concurrent claimers take different rows.
    string SkipLocked { get; }

    /// Serialises transactions that take the same key until the caller's transaction ends.
    Task LockUntilCommitAsync(RevenueAngelDbContext db, string key, CancellationToken ct);

    /// The claim of a batch of due webhook events.
    IWebhookClaimSql WebhookClaim { get; }

    /// The set-based upsert of a batch of imported leads.
    ILeadUpsertSql LeadUpsert { get; }

    /// The set-based write of the dispatcher's changes to a batch of sends.
    Dispatch.ISendWriteSql SendWrite { get; }

    /// Run once at startup, before migrating.
    Task PrepareAsync(RevenueAngelDbContext db, CancellationToken ct);
}
