using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;

namespace RevenueAngel.Core.Whop;

/// Refuses to start a non-demo process that cannot talk to Whop, naming each missing setting.
internal sealed class WhopOptionsValidator(DemoMode demoMode) : IValidateOptions<WhopOptions>
{
    public ValidateOptionsResult Validate(string? name, WhopOptions options)
    {
        var missing = options.MissingSettings();
        if (demoMode.IsEnabled || missing.Count == 0) return ValidateOptionsResult.Success;

        var names = string.Join(", ", missing.Select(m => $"{m} (env {m.Replace(":", "__")})"));
        return ValidateOptionsResult.Fail(
            $"RevenueAngel needs its Whop settings to start: missing {names}. " +
            "Set them, or set Demo:Enabled=true (env Demo__Enabled) to run the demo without Whop.");
    }
}
