using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Core.Leads.Listing;

namespace RevenueAngel.Core.Leads;

internal static class LeadsPageRegistration
{
    /// The Leads page's and REST API's services: the list and detail queries and the CSV import.
    public static IHostApplicationBuilder AddLeadListAndImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LeadQueries>();
        builder.Services.AddSingleton<LeadImporter>();
        return builder;
    }
}
