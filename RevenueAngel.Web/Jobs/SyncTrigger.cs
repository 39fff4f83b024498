using Quartz;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Jobs;

/// "Sync now": records the request (any replica's job will honour it) and wakes the sync job here.
public sealed class SyncTrigger(CompanyAdministration administration, ISchedulerFactory schedulers)
{
    public async Task RequestAsync(CompanyScope company, CancellationToken ct = default)
    {
        await administration.RequestSyncAsync(company, ct);
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(nameof(CompanySyncJob)), ct);
    }
}
