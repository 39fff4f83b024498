using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Demo;

/// One simulated enrollment: when it started, how it ended, and the payment that converted it, if any.
internal sealed record DemoJourney(
    Enrollment Enrollment,
    Playbook Playbook,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool Lost,
    Payment? ConvertingPayment,
    ConversionType? ConversionType,
    long? MemberId)
{
    public List<Send> Sends { get; } = [];
}
