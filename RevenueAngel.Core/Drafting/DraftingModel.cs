using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace RevenueAngel.Core.Drafting;

/// The configured chat model behind Microsoft.Extensions.AI's IChatClient, over the OpenAI SDK and our resilient
/// HttpClient; null when no API key is set, so no call is ever attempted.
public sealed class DraftingModel(IOptions<AiOptions> options, IHttpClientFactory http)
{
    public const string HttpClientName = "ai";
    public const string ActivitySourceName = "RevenueAngel.Drafting";

    public bool Configured => options.Value.ModelConfigured;

    public string? ModelName => Configured ? options.Value.Model : null;

    // A client per use: IHttpClientFactory rotates the handlers underneath, and building one is cheap.
    public IChatClient? Create()
    {
        var settings = options.Value;
        if (!settings.ModelConfigured) return null;
        var openAi = new OpenAIClient(new ApiKeyCredential(settings.ApiKey!), new OpenAIClientOptions
        {
            Endpoint = new Uri(settings.BaseUrl.TrimEnd('/') + "/"),
            Transport = new HttpClientPipelineTransport(http.CreateClient(HttpClientName)),
            // The HttpClient's resilience pipeline retries (429, 5xx) and times out; the SDK must not do it again.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
        return openAi.GetChatClient(settings.Model).AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry(sourceName: ActivitySourceName)
            .Build();
    }
}
