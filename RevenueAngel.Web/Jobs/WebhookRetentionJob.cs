using Quartz;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Web.Jobs;

/// Daily: drops old raw payloads of applied and ignored events.
[DisallowConcurrentExecution]
public sealed class WebhookRetentionJob(WebhookRetention retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await retention.PruneAsync(cancellationToken);
}
