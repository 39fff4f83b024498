using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Drafting;

internal sealed class AiOptionsValidator : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add($"AI:BaseUrl must be an http(s) address such as https://openrouter.ai/api/v1; '{options.BaseUrl}' is not.");
        if (options.ModelConfigured && string.IsNullOrWhiteSpace(options.Model)) problems.Add("AI:Model is required when AI:ApiKey is set.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
