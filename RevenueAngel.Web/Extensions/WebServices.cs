using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Web.Access;
using RevenueAngel.Web.Components.Playbooks;
using RevenueAngel.Web.Endpoints;
using RevenueAngel.Web.Framing;
using RevenueAngel.Web.Security;

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
        builder.Services.AddSingleton<CompanyPlans>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StoredEnumJsonConverter()));
        builder.Services.AddHealthChecks().AddDbContextCheck<RevenueAngelDbContext>("database");
        builder.AddFraming();
        builder.AddHttpHardening();
        builder.AddSharedDataProtection();
        return builder;
    }

    // Blazor protects each circuit's persisted state (the Whop user it belongs to) with Data Protection; replicas
    // behind one load balancer must share the key ring, e.g. on a mounted volume.
    private static void AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["DataProtection:KeysPath"] is not { Length: > 0 } path) return;
        builder.Services.AddDataProtection()
            .SetApplicationName("RevenueAngel")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(path, builder.Environment.ContentRootPath)));
    }

    private static void AddFraming(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FramingOptions>()
            .BindConfiguration(FramingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Inside Whop's iframe every response is framed cross-origin; SecurityHeadersMiddleware says by whom.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
    }
}
