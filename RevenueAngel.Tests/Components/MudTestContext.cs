using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Access;
using RevenueAngel.Web.Components.Playbooks;

namespace RevenueAngel.Tests.Components;

/// bUnit with MudBlazor's services.
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Page tests wait on a real database; on a busy 2-core machine the default second is too tight.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    /// MudBlazor dialogs render again while they open, so a button found a moment ago can carry a retired
    /// event handler id; find it again and retry rather than fail on the race.
    protected static void ClickSettled(Func<AngleSharp.Dom.IElement> find)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                find().Click();
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 10)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// The services company pages need, taken from a running Core (real database, real Whop client), then
    /// renders as the interactive server would. Setting the renderer builds the provider, so this comes last.
    /// The user is the circuit's Whop user (none when null), checked by the app's own authorization handlers.
    protected void UsePageServices(CoreHost core, string? userId = null, WhopOptions? whopOptions = null)
    {
        Services.AddSingleton(core.Get<WhopClient>());
        Services.AddSingleton(core.Get<DemoMode>());
        Services.AddSingleton(core.Get<DashboardQueries>());
        Services.AddSingleton(core.Get<RevenueDashboard>());
        Services.AddSingleton(core.Get<AnalyticsQueries>());
        Services.AddSingleton(core.Get<RevenueAngel.Core.Experiments.ExperimentReport>());
        // A test's own (fake) clock, registered before this, wins.
        Services.TryAddSingleton(core.Get<TimeProvider>());
        Services.TryAddKeyedSingleton(Debouncer.ClockKey, TimeProvider.System);
        Services.AddSingleton(core.Get<CompanyAdministration>());
        Services.AddSingleton(core.Get<PlaybookCatalog>());
        Services.AddSingleton(core.Get<PlaybookEditor>());
        Services.AddSingleton(core.Get<Audience>());
        Services.AddSingleton(core.Get<MessagePreviews>());
        Services.AddSingleton(core.Get<RevenueAngel.Core.Email.EmailMessenger>());
        Services.AddSingleton(core.Get<ChannelReport>());
        Services.AddSingleton(core.Get<MessageDrafter>());
        Services.AddSingleton(core.Get<PlaybookProposer>());
        Services.AddSingleton(core.Get<DraftingStatus>());
        Services.AddSingleton(new CompanyPlans(core.Get<IDbContextFactory<RevenueAngelDbContext>>()));
        Services.AddSingleton(whopOptions is null ? core.Get<IOptions<WhopOptions>>() : Options.Create(whopOptions));
        // Access answers are remembered per test, for the test's own Whop:AccessCacheSeconds.
        Services.AddMemoryCache();
        Services.AddTransient<CompanyAccessCheck>();
        Services.AddSingleton(core.Get<CompanyInstaller>());
        Services.AddLogging();
        Services.AddAuthorizationBuilder().AddAccessPolicies();
        // bUnit puts a placeholder in front of the real service; these tests run the app's own handlers.
        Services.AddScoped<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddScoped<IAuthorizationHandler, CompanyAdminHandler>();
        Services.AddScoped<IAuthorizationHandler, ExperienceMemberHandler>();
        Services.AddScoped<CircuitGrants>();
        Services.AddScoped<CircuitAuthenticationStateProvider>();
        Services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<CircuitAuthenticationStateProvider>());
        Services.AddCascadingAuthenticationState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // What the framework does when a circuit starts: the connection's (anonymous) user, until one is restored.
        ((IHostEnvironmentAuthenticationStateProvider)Services.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal())));
        if (userId is not null) SignIn(userId);
    }

    /// Signs the circuit's user in as CircuitIdentity would after a verified page request; call after UsePageServices.
    protected void SignIn(string userId) =>
        Services.GetRequiredService<CircuitAuthenticationStateProvider>().Restore(userId, Services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// Opens the MudSelect inside the element and clicks the item with that text, as a user would; the list itself
    /// renders in the popover provider. A multi-select stays open, so it is clicked shut again.
    protected static void Pick(IRenderedComponent<MudPopoverProvider> popovers, Func<AngleSharp.Dom.IElement> container, string item)
    {
        container().QuerySelector("div.mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == item));
        popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == item).Click();
        if (popovers.FindAll(".mud-popover-open").Count > 0) container().QuerySelector("div.mud-input-control")!.MouseDown();
    }
}
