using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Demo;

/// Whether this process serves the demo company without a Whop login, decided once at start-up.
public sealed class DemoMode(IOptions<DemoOptions> demo, IConfiguration configuration, IHostEnvironment environment)
{
    /// Whether every setting a real Whop connection needs is present. Read from configuration rather than
    /// IOptions<WhopOptions>: that options' validator depends on this class.
    public bool WhopConfigured { get; } =
        (configuration.GetSection(WhopOptions.SectionName).Get<WhopOptions>() ?? new()).MissingSettings().Count == 0;

    public bool IsEnabled => demo.Value.Enabled ?? (!WhopConfigured && environment.IsDevelopment());

    public string CompanyId => demo.Value.CompanyId;

    public bool IsDemoCompany(string companyId) => IsEnabled && companyId == CompanyId;
}
