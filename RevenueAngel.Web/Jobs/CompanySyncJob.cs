using Quartz;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Jobs;

/// Runs the syncs companies asked for (install, "Sync now") and the periodic reconciliation.
[DisallowConcurrentExecution]
public sealed class CompanySyncJob(CompanySync sync) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sync.RunDueAsync(cancellationToken);
}
