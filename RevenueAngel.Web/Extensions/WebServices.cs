using MudBlazor.Services;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Web.Access;
using RevenueAngel.Web.Framing;

namespace RevenueAngel.Web.Extensions;

public static class WebServices
{
    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<WhopSession>();
        builder.Services.AddScoped<RequestAuthenticator>();
        builder.Services.AddScoped<CompanyAccess>();
        builder.Services.AddHealthChecks().AddDbContextCheck<RevenueAngelDbContext>("database");
        builder.AddFraming();
        return builder;
    }

    private static void AddFraming(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FramingOptions>()
            .BindConfiguration(FramingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Inside Whop's iframe every response is framed cross-origin; FrameAncestorsMiddleware says by whom.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
    }
}
