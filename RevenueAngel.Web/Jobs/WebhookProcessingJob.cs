using Quartz;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Web.Jobs;

/// Applies stored webhook events: every few seconds, and at once when one arrives. Runs may overlap, on one
/// replica or several: the processor's claim keeps each event to one run and each member's events in order.
public sealed class WebhookProcessingJob(WebhookProcessor processor) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = $"Processed = {await processor.RunAsync(ct: cancellationToken)}";
}
