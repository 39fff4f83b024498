using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace RevenueAngel.Core.Drafting;

internal static class DraftingRegistration
{
    public static IHostApplicationBuilder AddDrafting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AiOptions>().BindConfiguration(AiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidator>();
        builder.Services.AddHttpClient(DraftingModel.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["Authorization"])
            .AddHttpMessageHandler(() => new ReplayableContentHandler())
            .AddResilienceHandler("ai", (pipeline, context) => Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<AiOptions>>().Value));
        builder.Services.AddSingleton<DraftingBudget>();
        builder.Services.AddSingleton<DraftingModel>();
        builder.Services.AddSingleton<ModelCalls>();
        builder.Services.AddSingleton<DraftChecks>();
        builder.Services.AddSingleton<MessageDrafter>();
        builder.Services.AddSingleton<PlaybookProposer>();
        builder.Services.AddSingleton<DraftingStatus>();
        return builder;
    }

    // 429, 5xx and dropped connections are retried with exponential backoff (honouring Retry-After), all within
    // AI:TimeoutSeconds; a model that keeps failing trips the breaker so drafts fall back at once.
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AiOptions options)
    {
        // Network waits are real time: a host that runs business time on another clock (the tests' fake) must not
        // freeze a backoff or a timeout.
        pipeline.TimeProvider = TimeProvider.System;
        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
        pipeline
            .AddTimeout(total)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.RetryAttempts),
                ShouldHandle = options.RetryAttempts == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            // Shared by every company: only an endpoint failing most calls opens it, not one creator's unlucky minute.
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromMinutes(1), MinimumThroughput = 20, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(15),
            });
    }
}
