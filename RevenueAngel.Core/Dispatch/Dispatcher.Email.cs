using RevenueAngel.Core.Email;
using RevenueAngel.Core.Messaging;

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
    private FailureVerdict JudgeEmailFailure(Send send, ChannelRoute route, EmailDeliveryException error)
    {
        var now = time.GetUtcNow();
        var reason = Trim(error.Message);
        var suppress = error is EmailRejectedException { HardBounce: true } ? route.EmailAddress : null;
        if (error is EmailTransientException && send.Attempts + 1 < Options.MaxAttempts)
            return new FailureVerdict(SendOutcome.Retrying, s => s.Retry(now + Options.RetryWait(s.Attempts + 1), reason), suppress);
        var why = error is EmailTransientException ? $"Gave up after {send.Attempts + 1} attempts: {reason}" : reason;
        return new FailureVerdict(SendOutcome.Failed, s =>
        {
            s.Fail(why);
            LogFailed(s.Id, why);
        }, suppress);
    }

    /// Hard bounces of the wave, on a context of their own (a suppression written at the same moment elsewhere
    /// clears its context's tracking).
    private async Task SuppressBouncedAsync(List<ReadySend> calling)
    {
        foreach (var ready in calling.Where(r => r.Verdict?.SuppressAddress is not null))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                await EmailSuppressions.SuppressAsync(db, ready.Send.CompanyId, ready.Verdict!.SuppressAddress!, SuppressionReason.HardBounce,
                    ready.Send.LastError, time.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception e)
            {
                LogRecordingFailed(e, ready.Send.Id);
            }
        }
    }
}
