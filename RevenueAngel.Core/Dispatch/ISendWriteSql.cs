using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Dispatch;

/// Writes what the dispatcher changed on a batch's sends as one statement, in each provider's own SQL
/// (Persistence/Dialects), where EF would send one UPDATE per row. It writes every column the dispatcher owns from
/// the tracked values (not the click columns, which click tracking owns), so it is the same write as SaveChanges.
internal interface ISendWriteSql
{
    Task WriteAsync(RevenueAngelDbContext db, IReadOnlyList<Send> sends, CancellationToken ct);
}
