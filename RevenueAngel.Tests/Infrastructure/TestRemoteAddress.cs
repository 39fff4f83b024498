using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RevenueAngel.Tests.Infrastructure;

/// TestServer has no peer address; this gives each request the one in its `x-test-remote-ip` header, ahead of the
/// app's own pipeline, as if it came from that address (a client, or a proxy in front of the app).
public static class TestRemoteAddress
{
    public const string Header = "x-test-remote-ip";

    public static WebApplicationFactory<Program> WithRemoteAddresses(this WebApplicationFactory<Program> app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(AddRemoteAddresses));

    /// The same, for a fixture that configures its app's test services itself.
    public static void AddRemoteAddresses(this IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        request.Headers.Add(Header, address);
        return request;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].FirstOrDefault() is { } address) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
