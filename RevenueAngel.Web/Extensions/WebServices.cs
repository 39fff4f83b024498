using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
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
        builder.AddAccess();
        builder.Services.AddSingleton<CompanyPlans>();
        builder.Services.AddKeyedSingleton(Components.Playbooks.Debouncer.ClockKey, TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StoredEnumJsonConverter()));
        builder.Services.AddHealthChecks().AddDbContextCheck<RevenueAngelDbContext>("database");
        builder.AddFraming();
        builder.AddHttpHardening();
        builder.Services.AddCors(o => o.AddLeadCaptureCors());
        builder.AddSharedDataProtection();
        return builder;
    }

    /// Who (the Whop user of `x-whop-user-token`, carried into circuits) and what (admin of the route's company,
    /// or access to the route's experience), through ASP.NET Core's authentication and authorization.
    private static void AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(WhopUserTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, WhopUserTokenAuthentication>(WhopUserTokenAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddAccessPolicies();
        builder.Services.AddScoped<IAuthorizationHandler, CompanyAdminHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ExperienceMemberHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        builder.Services.AddScoped<CircuitGrants>();
        builder.Services.AddScoped<CircuitAuthenticationStateProvider>();
        builder.Services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<CircuitAuthenticationStateProvider>());
        builder.Services.AddScoped<IHostEnvironmentAuthenticationStateProvider>(sp => sp.GetRequiredService<CircuitAuthenticationStateProvider>());
        builder.Services.AddCascadingAuthenticationState();
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
