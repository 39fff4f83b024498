using Microsoft.Extensions.Options;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// A lease shorter than one Whop call could expire while Whop is still answering: the send would be `unknown`
/// though it went out fine.
internal sealed class DispatchOptionsValidator(IOptions<WhopOptions> whop) : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var total = whop.Value.TotalTimeout;
        return options.LeaseSeconds > total.TotalSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Dispatch:LeaseSeconds ({options.LeaseSeconds}) must exceed one Whop call's longest time ({total.TotalSeconds:0} s from " +
                "Whop:AttemptTimeoutSeconds, Whop:RateLimitQueueLimit, Whop:MaxRetries and Whop:MaxRetryAfterSeconds).");
    }
}
