using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

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

    /// Call after registering the test's services: setting the renderer builds the service provider.
    protected void RenderAsInteractiveServer() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
