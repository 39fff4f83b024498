using Microsoft.Extensions.Options;
using Quartz;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Jobs;

/// Runs the sync job now when a company is installed (the request is already recorded, so any replica's job
/// honours it; waking this one only saves the wait for the next poll). A scheduler that cannot be woken is logged:
/// the poll still starts the sync.
public sealed partial class FirstSyncWakeUp(ISchedulerFactory schedulers, IOptions<WhopOptions> options, ILogger<FirstSyncWakeUp> logger)
    : IFirstSyncStarter
{
    public async Task StartAsync(string companyId, CancellationToken ct)
    {
        if (!options.Value.SyncOnInstall) return;
        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.TriggerJob(new JobKey(nameof(CompanySyncJob)), ct);
        }
        catch (SchedulerException e)
        {
            LogWakeFailed(e, companyId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not wake the sync job for newly installed company {CompanyId}; the next poll starts it")]
    private partial void LogWakeFailed(Exception exception, string companyId);
}
