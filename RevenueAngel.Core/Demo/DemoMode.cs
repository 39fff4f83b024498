using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Demo;

/// Whether this process serves the demo company without a Whop login, decided once at start-up.
public sealed class DemoMode(IOptions<DemoOptions> demo, IConfiguration configuration, IHostEnvironment environment)
{
    /// Whether every setting a real Whop connection needs is present. Read from configuration rather than
    /// IOptions<WhopOptions>: that options' validator depends on this class, and the demo post-configures it.
    public bool WhopConfigured { get; } = Whop(configuration).MissingSettings().Count == 0;

    /// The Whop credentials present in configuration, by key; the demo refuses to start beside any of them.
    public IReadOnlyList<string> WhopSettings { get; } = PresentWhopSettings(Whop(configuration));

    public bool IsEnabled => demo.Value.Enabled ?? (WhopSettings.Count == 0 && environment.IsDevelopment());

    public string CompanyId => demo.Value.CompanyId;

    public bool IsDemoCompany(string companyId) => IsEnabled && companyId == CompanyId;

    private static WhopOptions Whop(IConfiguration configuration) =>
        configuration.GetSection(WhopOptions.SectionName).Get<WhopOptions>() ?? new();

    private static List<string> PresentWhopSettings(WhopOptions whop)
    {
        List<string> present = [];
        if (!string.IsNullOrWhiteSpace(whop.ApiKey)) present.Add($"{WhopOptions.SectionName}:{nameof(WhopOptions.ApiKey)}");
        if (!string.IsNullOrWhiteSpace(whop.AppId)) present.Add($"{WhopOptions.SectionName}:{nameof(WhopOptions.AppId)}");
        if (whop.WebhookSecrets.Any(s => !string.IsNullOrWhiteSpace(s))) present.Add($"{WhopOptions.SectionName}:{nameof(WhopOptions.WebhookSecrets)}");
        return present;
    }
}
