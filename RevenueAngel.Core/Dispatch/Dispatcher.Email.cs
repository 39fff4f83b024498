using RevenueAngel.Core.Email;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Dispatch;

/// The email channel on the dispatcher's engine: the same lease, `unknown`, retries and caps as Whop's channels.
public sealed partial class Dispatcher
{
    private Task<string?> DeliverOnRouteAsync(Send send, GateDecision.Go go, RenderedMessage message, string restPath, CancellationToken ct) =>
        go.Route.Channel == MessageChannel.Email
            ? DeliverEmailAsync(send, go, message, ct)
            : messenger.DeliverAsync(send.Channel, send.CompanyId, go.Company.WhopExperienceId, go.Subject.WhopUserId!, message, restPath,
                $"ra-send-{send.Id}", ct);

    private async Task<string?> DeliverEmailAsync(Send send, GateDecision.Go go, RenderedMessage message, CancellationToken ct) =>
        await email.DeliverAsync(go.Company, go.Route.EmailAddress!, message, send.Id, ct);

    /// A 4xx (or no connection) is retried on the usual schedule; a 5xx fails the send, and a refused recipient is
    /// suppressed so no playbook tries the address again.
    private async Task<SendOutcome> RecordEmailFailureAsync(RevenueAngelDbContext db, Send send, ChannelRoute route, EmailDeliveryException error,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reason = Trim(error.Message);
        SendOutcome outcome;
        if (error is EmailTransientException && send.Attempts + 1 < Options.MaxAttempts)
        {
            send.Retry(now + Options.RetryWait(send.Attempts + 1), reason);
            outcome = SendOutcome.Retrying;
        }
        else
        {
            send.Fail(error is EmailTransientException ? $"Gave up after {send.Attempts + 1} attempts: {reason}" : reason);
            LogFailed(send.Id, send.LastError!);
            outcome = SendOutcome.Failed;
        }
        await db.SaveChangesAsync(ct);
        if (error is EmailRejectedException { HardBounce: true } && route.EmailAddress is { } address)
            await EmailSuppressions.SuppressAsync(db, send.CompanyId, address, SuppressionReason.HardBounce, reason, now, ct);
        return outcome;
    }
}
