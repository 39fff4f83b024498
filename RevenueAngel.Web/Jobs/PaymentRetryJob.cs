using Quartz;
using RevenueAngel.Core.Dunning;

namespace RevenueAngel.Web.Jobs;

/// Hourly: on a payment-failed playbook's paydays, our own retries of the payments its sequences are chasing.
[DisallowConcurrentExecution]
public sealed class PaymentRetryJob(OwnPaymentRetries retries) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await retries.RunAsync(cancellationToken);
}
