using Quartz;
using RevenueAngel.Core.Offers;

namespace RevenueAngel.Web.Jobs;

/// Resumes paused memberships on their offer's date and expires offers past theirs.
[DisallowConcurrentExecution]
public sealed class OfferMaintenanceJob(OfferMaintenance maintenance) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await maintenance.RunAsync(cancellationToken);
}
