using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Dispatch;

/// SaveChanges for the dispatcher's context: its changed sends in one set-based statement, then whatever else it
/// tracks (offers) through EF, in one transaction when there are both.
internal static class SendBatchWrite
{
    public static async Task SaveAsync(RevenueAngelDbContext db, CancellationToken ct)
    {
        // One pass of change detection for both questions (each Entries() call would detect changes again).
        var entries = db.ChangeTracker.Entries().ToList();
        var changed = entries.Where(e => e.State == EntityState.Modified && e.Entity is Send).ToList();
        var rest = entries.Any(e => e.State is EntityState.Added or EntityState.Deleted
                                    || (e.State == EntityState.Modified && e.Entity is not Send));
        if (changed.Count == 0)
        {
            if (rest) await db.SaveChangesAsync(ct);
            return;
        }
        await using var transaction = rest && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Dialect.SendWrite.WriteAsync(db, [.. changed.Select(e => (Send)e.Entity)], ct);
        foreach (var entry in changed)
        {
            // Written: what is in memory is now the original (setting Unchanged alone would put the old values back).
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
        if (rest) await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
    }
}
