using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;

namespace RevenueAngel.Core.Messaging;

/// `Messaging:PublicBaseUrl`, when set, must be an absolute http(s) base; production (outside the demo) refuses to
/// start without it, since every click would go untracked. Elsewhere its absence only shows on Settings.
internal sealed class MessagingOptionsValidator(DemoMode demoMode, IHostEnvironment environment) : IValidateOptions<MessagingOptions>
{
    public const string Setting = "Messaging:PublicBaseUrl (env Messaging__PublicBaseUrl)";

    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        if (options.PublicBaseUrl is not { Length: > 0 } url)
            return environment.IsProduction() && !demoMode.IsEnabled
                ? ValidateOptionsResult.Fail(
                    $"RevenueAngel needs {Setting} to start in production: the address members reach this app at " +
                    "(https://…), under which calls to action become tracked /r/ links. Without it no click is tracked.")
                : ValidateOptionsResult.Success;
        return IsBaseUrl(url)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Setting} '{url}' is not an absolute http(s) URL without query or fragment, such as https://revenueangel.example.com.");
    }

    public static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
