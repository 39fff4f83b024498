using Quartz;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Jobs;

/// Every minute: enrol new matches of enabled playbooks, schedule their sends, apply exit rules.
[DisallowConcurrentExecution]
public sealed class PlaybookSchedulerJob(PlaybookScheduler scheduler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await scheduler.RunAsync(cancellationToken);
}
