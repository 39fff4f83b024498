using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// The database failing exactly when the app writes one kind of send change: the test host's EF interceptor, at
/// the process edge, refuses the next <see cref="Remaining"/> such writes, whether they go through SaveChanges (one
/// send recorded on its own) or the dispatcher's set-based write of a wave (PostgreSQL's, read from its parameters).
public sealed class SendWriteFailures : SaveChangesInterceptor, IDbCommandInterceptor
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
        FailIfChosen(matches);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        FailIfChosen(command.CommandText.StartsWith("UPDATE sends AS s SET", StringComparison.Ordinal) && Matches(command));
        return ValueTask.FromResult(result);
    }

    private void FailIfChosen(bool matches)
    {
        if (matches && Interlocked.Decrement(ref _remaining) >= 0)
            throw new DbUpdateException("simulated: the database connection dropped while saving");
    }

    private bool Matches(EntityEntry<Send> entry) => Target switch
    {
        SendWrite.MarkSent => entry.Entity.Status == SendStatus.Sent && entry.Property(s => s.Status).IsModified,
        _ => entry.Entity.Status == SendStatus.Sending && entry.Property(s => s.CallStartedAt).IsModified,
    };

    private bool Matches(DbCommand command)
    {
        var statuses = (object[])command.Parameters["statuses"].Value!;
        var calls = (object[])command.Parameters["calls"].Value!;
        return Target switch
        {
            SendWrite.MarkSent => statuses.Contains("sent"),
            _ => statuses.Select((status, i) => "sending".Equals(status) && calls[i] is not DBNull).Any(call => call),
        };
    }
}

public enum SendWrite { MarkSent, CallStart }
