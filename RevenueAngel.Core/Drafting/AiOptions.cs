using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Drafting;

/// The model that drafts messages: any OpenAI-compatible chat completions endpoint. Without an API key every draft
/// comes from the built-in library.
public sealed class AiOptions
{
    public const string SectionName = "AI";

    /// OpenRouter by default; OpenAI is https://api.openai.com/v1, a local server (Ollama, LM Studio, vLLM) its /v1.
    public string BaseUrl { get; set; } = "https://openrouter.ai/api/v1";

    /// Secret: from configuration or the AI__ApiKey environment variable, never logged or shown.
    public string? ApiKey { get; set; }

    /// The model name as the endpoint knows it (OpenRouter: vendor/model).
    public string Model { get; set; } = "openai/gpt-4o-mini";

    /// The whole call, retries included.
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// Model calls each company may make per minute; past it drafts come from the library and say why.
    [Range(1, 10_000)]
    public int RequestsPerMinute { get; set; } = 10;

    /// Retries of a 429, 5xx or dropped connection, with exponential backoff from RetryDelayMilliseconds.
    [Range(0, 5)]
    public int RetryAttempts { get; set; } = 2;

    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 1000;

    public bool ModelConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
