using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RevenueAngel.Core.Telemetry;

namespace RevenueAngel.Core.Drafting;

/// <param name="Text">The model's answer; null when there is none.</param>
/// <param name="Failure">Why there is no answer, in words for the creator (never the key or the endpoint's body).</param>
public sealed record ModelReply(ChatResponse? Response, string? Failure)
{
    public string? Text => Response?.Text;
}

/// One call to the model within the company's budget and the configured timeout; every failure becomes a reason the
/// library answers instead, except the creator's own cancel.
public sealed class ModelCalls(DraftingBudget budget, IOptions<AiOptions> options, RevenueAngelMetrics metrics, ILogger<ModelCalls> logger)
{
    internal async Task<ModelReply> AskAsync(IChatClient client, string companyId, IEnumerable<ChatMessage> messages, ChatOptions chat,
        CancellationToken ct)
    {
        var settings = options.Value;
        if (!budget.TryTake(companyId))
        {
            metrics.AiCalled("budget", null);
            return new ModelReply(null, $"This minute's AI budget ({settings.RequestsPerMinute} model calls) is used up; try again in a minute.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var response = await client.GetResponseAsync(messages, chat, timeout.Token);
            metrics.AiCalled("ok", RevenueAngelMetrics.Since(started));
            return new ModelReply(response, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            metrics.AiCalled("canceled", RevenueAngelMetrics.Since(started));
            throw;
        }
        catch (Exception e)
        {
            var reason = e switch
            {
                OperationCanceledException or TimeoutRejectedException => $"The model did not answer within {settings.TimeoutSeconds} s.",
                ClientResultException { Status: 401 or 403 } => "The model endpoint refused the API key (AI:ApiKey).",
                ClientResultException { Status: 429 } => "The model endpoint is rate limiting us.",
                ClientResultException { Status: > 0 } r => $"The model endpoint answered HTTP {r.Status}.",
                BrokenCircuitException => "The model endpoint kept failing, so calls are paused for a moment.",
                _ => "The model endpoint could not be reached.",
            };
            metrics.AiCalled(e switch
            {
                OperationCanceledException or TimeoutRejectedException => "timeout",
                ClientResultException { Status: 401 or 403 } => "refused",
                ClientResultException { Status: 429 } => "rate_limited",
                _ => "failed",
            }, RevenueAngelMetrics.Since(started));
            // The exception's type and status only: its message can carry the endpoint's answer.
            logger.LogWarning("Model call for {CompanyId} failed ({ExceptionType}): {Reason}", companyId, e.GetType().Name, reason);
            return new ModelReply(null, reason);
        }
    }
}
