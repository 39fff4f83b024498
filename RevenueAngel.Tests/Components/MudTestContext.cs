using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Tests.Components;

/// bUnit with MudBlazor's services.
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    /// The services company pages need, taken from a running Core (real database, real Whop client), then
    /// renders as the interactive server would. Setting the renderer builds the provider, so this comes last.
    protected void UsePageServices(CoreHost core, WhopSession? session = null, WhopOptions? whopOptions = null)
    {
        Services.AddSingleton(session ?? new WhopSession());
        Services.AddSingleton(core.Get<WhopClient>());
        Services.AddSingleton(core.Get<DemoMode>());
        Services.AddSingleton(core.Get<DashboardQueries>());
        Services.AddSingleton(core.Get<CompanyAdministration>());
        Services.AddSingleton(whopOptions is null ? core.Get<IOptions<WhopOptions>>() : Options.Create(whopOptions));
        Services.AddMemoryCache();
        Services.AddScoped<CompanyAccess>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected static WhopSession SignedIn(string userId)
    {
        var session = new WhopSession();
        session.SignIn(userId);
        return session;
    }
}
