namespace RevenueAngel.Core.Companies;

/// Starts a just-installed company's first sync now instead of at the sync job's next poll. The web host wakes
/// its Quartz job; a host without jobs keeps this default and leaves the recorded request to whoever polls.
public interface IFirstSyncStarter
{
    Task StartAsync(string companyId, CancellationToken ct);
}

internal sealed class PolledFirstSync : IFirstSyncStarter
{
    public Task StartAsync(string companyId, CancellationToken ct) => Task.CompletedTask;
}
