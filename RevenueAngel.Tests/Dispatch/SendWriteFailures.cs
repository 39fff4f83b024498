using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// The database failing exactly when the app writes one kind of send change: the test host's EF interceptor, at
/// the process edge, refuses the next <see cref="Remaining"/> such writes.
public sealed class SendWriteFailures : SaveChangesInterceptor
{
    private int _remaining;

    public int Remaining
    {
        get => Volatile.Read(ref _remaining);
        set => Volatile.Write(ref _remaining, value);
    }

    /// Which write fails: marking the send `sent` (after Whop accepted it), or recording that its call begins.
    public SendWrite Target { get; set; } = SendWrite.MarkSent;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var matches = eventData.Context?.ChangeTracker.Entries<Send>().Any(e => e.State == EntityState.Modified && Matches(e)) ?? false;
        if (matches && Interlocked.Decrement(ref _remaining) >= 0)
            throw new DbUpdateException("simulated: the database connection dropped while saving");
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private bool Matches(EntityEntry<Send> entry) => Target switch
    {
        SendWrite.MarkSent => entry.Entity.Status == SendStatus.Sent && entry.Property(s => s.Status).IsModified,
        _ => entry.Entity.Status == SendStatus.Sending && entry.Property(s => s.CallStartedAt).IsModified,
    };
}

public enum SendWrite { MarkSent, CallStart }
