using Microsoft.EntityFrameworkCore;

namespace RevenueAngel.Core.Persistence;

/// Contexts for the work that runs the same few statements thousands of times a minute: storing deliveries, applying
/// webhook events, dispatching sends. On PostgreSQL their connections (a pool of their own) prepare what they repeat,
/// so PostgreSQL parses and plans each statement once per connection instead of on every call (the drain of 100,000
/// events: 49–63 → 33–36 s). The pages' reads keep unprepared connections: prepared, the 90-day Analytics page was
/// ≈ 12 ms slower over three interleaved pairs of runs, with no single statement slower to execute. On SQLite these are
/// the app's ordinary contexts.
public sealed class RepeatingWorkContexts(IDbContextFactory<RevenueAngelDbContext> inner) : IDbContextFactory<RevenueAngelDbContext>
{
    public RevenueAngelDbContext CreateDbContext() => inner.CreateDbContext();

    public Task<RevenueAngelDbContext> CreateDbContextAsync(CancellationToken ct = default) => inner.CreateDbContextAsync(ct);
}
