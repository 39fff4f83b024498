using Quartz;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Web.Jobs;

/// Applies stored webhook events: every few seconds, and at once when one arrives. Runs overlap across replicas
/// (the processor's claim keeps each event to one run and each member's events in order), but within a process one
/// runs at a time: a wake-up during a run is left to it and the next tick, rather than taking another of Quartz's
/// threads from the dispatcher. (DisallowConcurrentExecution would hold it to one run in the whole cluster.)
public sealed class WebhookProcessingJob(WebhookProcessor processor) : IJob
{
    private static readonly SemaphoreSlim OneRunPerProcess = new(1, 1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!await OneRunPerProcess.WaitAsync(0, cancellationToken))
        {
            context.Result = "Skipped: a run is under way in this process";
            return;
        }
        try
        {
            context.Result = $"Processed = {await processor.RunAsync(ct: cancellationToken)}";
        }
        finally
        {
            OneRunPerProcess.Release();
        }
    }
}
