using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RevenueAngel.Tests.Infrastructure;

/// Stands in for whop.com: a page on another origin that frames the app. A real loopback server, because
/// Chromium refuses to let a page it cannot place on the local network frame a loopback address.
public sealed class ParentPageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ParentPageServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// Reaches this server under a host name; http://127.0.0.1:{Port} is the same server under another origin.
    public string AllowedOrigin => $"http://localhost:{Port}";
    public string OtherOrigin => $"http://127.0.0.1:{Port}";

    public static async Task<ParentPageServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/creator-dashboard", (string src) => Results.Content($"""
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="app" src="{System.Net.WebUtility.HtmlEncode(src)}" style="border:0;width:100vw;height:100vh"></iframe>
            </body></html>
            """, "text/html"));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        return new ParentPageServer(app, port);
    }

    public string PageFraming(string appUrl, string origin) => $"{origin}/creator-dashboard?src={Uri.EscapeDataString(appUrl)}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
