using Quartz;
using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Web.Jobs;

/// Every few seconds: deliver the sends that are due.
[DisallowConcurrentExecution]
public sealed class DispatchJob(Dispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await dispatcher.RunAsync(cancellationToken);
}
