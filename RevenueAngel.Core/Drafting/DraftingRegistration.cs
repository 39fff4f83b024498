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
            .AddStandardResilienceHandler()
            .Configure((resilience, services) => Configure(resilience, services.GetRequiredService<IOptions<AiOptions>>().Value));
        builder.Services.AddSingleton<DraftingBudget>();
        builder.Services.AddSingleton<DraftingModel>();
        builder.Services.AddSingleton<ModelCalls>();
        builder.Services.AddSingleton<MessageDrafter>();
        builder.Services.AddSingleton<PlaybookProposer>();
        builder.Services.AddSingleton<DraftingStatus>();
        return builder;
    }

    // 429 and 5xx are retried with exponential backoff (honouring Retry-After) within AI:TimeoutSeconds in all.
    private static void Configure(HttpStandardResilienceOptions resilience, AiOptions options)
    {
        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
        resilience.TotalRequestTimeout.Timeout = total;
        resilience.AttemptTimeout.Timeout = total;
        // The standard handler refuses MaxRetryAttempts 0 at startup; AI:RetryAttempts=0 means "never retry".
        resilience.Retry.MaxRetryAttempts = Math.Max(options.RetryAttempts, 1);
        if (options.RetryAttempts == 0) resilience.Retry.ShouldHandle = _ => PredicateResult.False();
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
        resilience.CircuitBreaker.SamplingDuration = total * 2 + TimeSpan.FromSeconds(1);
    }
}
