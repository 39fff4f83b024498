using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Whop;

internal static class WhopRegistration
{
    public static IHostApplicationBuilder AddWhop(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhopOptions>()
            .BindConfiguration(WhopOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WhopOptions>, WhopOptionsValidator>();
        builder.Services.AddSingleton<WhopRateLimiter>();
        builder.Services.AddHttpClient(WhopJwks.HttpClientName).AddStandardResilienceHandler();
        builder.Services.AddSingleton<WhopJwks>();
        builder.Services.AddSingleton<WhopUserTokenValidator>();

        var client = builder.Services.AddHttpClient<WhopClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<WhopOptions>>().Value;
                http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                // The resilience pipeline owns timeouts.
                http.Timeout = Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrWhiteSpace(options.ApiKey))
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                http.DefaultRequestHeaders.Add("Api-Version-Date", options.ApiVersionDate);
                if (!string.IsNullOrWhiteSpace(options.AppId)) http.DefaultRequestHeaders.Add("X-Whop-App-Id", options.AppId);
            });
        // The rate limiter is a stage of this pipeline (inside the retry loop, outside the per-attempt timeout).
        client.AddResilienceHandler("whop", (pipeline, context) =>
            WhopResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<WhopOptions>>().Value,
                context.ServiceProvider.GetRequiredService<WhopRateLimiter>()));
        client.AddHttpMessageHandler(sp => new WhopCallMetrics(sp.GetRequiredService<Telemetry.RevenueAngelMetrics>(),
            new Uri(sp.GetRequiredService<IOptions<WhopOptions>>().Value.ApiBaseUrl.TrimEnd('/') + "/")));
        return builder;
    }
}
