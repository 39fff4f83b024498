using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Core.Leads.Listing;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Components.Leads;

internal static class LeadPageServices
{
    /// What the Leads components use besides the page services, from the same running Core.
    public static void AddLeadServices(this IServiceCollection services, CoreHost core)
    {
        services.AddSingleton(core.Get<LeadQueries>());
        services.AddSingleton(core.Get<LeadImporter>());
        services.AddSingleton(core.Get<LeadCaptureKeys>());
        services.AddSingleton(core.Get<RevenueAngel.Core.Email.EmailSuppressions>());
        services.AddSingleton(core.Get<IOptions<MessagingOptions>>());
    }
}
