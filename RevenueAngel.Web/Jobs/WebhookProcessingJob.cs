using Quartz;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Web.Jobs;

/// Applies stored webhook events: every few seconds, and at once when one arrives.
[DisallowConcurrentExecution]
public sealed class WebhookProcessingJob(WebhookProcessor processor) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = $"Processed = {await processor.RunAsync(ct: cancellationToken)}";
}
