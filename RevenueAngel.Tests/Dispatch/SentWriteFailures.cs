using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// The database failing exactly when the app records a send as `sent`: the test host's EF interceptor, at the
/// process edge, refuses the next <see cref="Remaining"/> such writes.
public sealed class SentWriteFailures : SaveChangesInterceptor
{
    private int _remaining;

    public int Remaining
    {
        get => Volatile.Read(ref _remaining);
        set => Volatile.Write(ref _remaining, value);
    }

    public int Refused { get; private set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var marksSent = eventData.Context?.ChangeTracker.Entries<Send>()
            .Any(e => e.State == EntityState.Modified && e.Entity.Status == SendStatus.Sent && e.Property(s => s.Status).IsModified) ?? false;
        if (marksSent && Interlocked.Decrement(ref _remaining) >= 0)
        {
            Refused++;
            throw new DbUpdateException("simulated: the database connection dropped while saving");
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
