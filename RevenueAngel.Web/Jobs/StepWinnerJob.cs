using Quartz;
using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Web.Jobs;

/// Hourly: step A/B tests with a verdict stop assigning their losing variants.
[DisallowConcurrentExecution]
public sealed class StepWinnerJob(StepWinnerPicker picker) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await picker.PickAsync(cancellationToken);
}
