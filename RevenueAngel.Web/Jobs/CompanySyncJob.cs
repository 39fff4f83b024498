using Quartz;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Jobs;

/// Runs the syncs companies asked for (install, "Sync now") and the periodic reconciliation; the payment states a sync
/// queued are applied by the webhook processing job, woken here rather than at its next sweep.
[DisallowConcurrentExecution]
public sealed class CompanySyncJob(CompanySync sync, WebhookWakeUp webhooks) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (await sync.RunDueAsync(cancellationToken) > 0) await webhooks.NowAsync(cancellationToken);
    }
}
