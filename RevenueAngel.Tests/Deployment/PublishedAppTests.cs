using System.Diagnostics;
using System.Net;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Deployment;

/// There is no Docker engine here, so the container is proven piecewise: the Dockerfile's shape, and its
/// published output started with its own environment against PostgreSQL.
public sealed class PublishedAppTests(PublishedAppFixture published, PostgresServer postgres) : IClassFixture<PublishedAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void DockerfileBuildsInOneStageAndRunsAsNonRootOnPort8080WithAHealthCheck()
    {
        var dockerfile = published.Dockerfile;

        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", dockerfile);
        Assert.Contains("USER app", dockerfile);
        Assert.Contains("EXPOSE 8080", dockerfile);
        Assert.Contains("http://localhost:8080/healthz", dockerfile);
        Assert.Equal("8080", published.ContainerEnvironment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("Production", published.ContainerEnvironment["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public async Task PublishedAppServesTheDemoOnPostgreSqlWithTheContainersEnvironment()
    {
        var port = FreePort.Next();
        using var app = Start(new()
        {
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(),
            ["ConnectionStrings__RevenueAngel"] = await postgres.CreateDatabaseAsync("published"),
            ["Demo__Enabled"] = "true",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilHealthyAsync(http, app);
        var page = await http.GetAsync("/dashboard/biz_demo", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Demo Community", await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("https://*.whop.com", page.Headers.GetValues("Content-Security-Policy").Single());
        var css = await http.GetAsync("/_content/MudBlazor/MudBlazor.min.css", Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task PublishedAppWithoutWhopSettingsExitsAndNamesThem()
    {
        using var app = Start(new()
        {
            ["ASPNETCORE_HTTP_PORTS"] = FreePort.Next().ToString(),
            ["ConnectionStrings__RevenueAngel"] = await postgres.CreateDatabaseAsync("published"),
        });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await app.Process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, app.Process.ExitCode);
        Assert.Contains("Whop:ApiKey (env Whop__ApiKey)", app.Output);
        Assert.Contains("Whop:WebhookSecrets", app.Output);
    }

    private RunningApp Start(Dictionary<string, string> overrides)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published.PublishDir, "RevenueAngel.Web.dll")])
        {
            WorkingDirectory = published.PublishDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what the container would have: no settings leak in from the test runner's environment.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_ENVIRONMENT") || k.Contains("__")).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in published.ContainerEnvironment.Concat(overrides)) start.Environment[key] = value;
        return new RunningApp(Process.Start(start)!);
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, RunningApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (app.Process.HasExited) Assert.Fail($"the app exited with {app.Process.ExitCode}: {app.Output}");
            try
            {
                if ((await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250, Ct);
        }
        Assert.Fail($"the app did not become healthy in 90 s: {app.Output}");
    }


    private sealed class RunningApp : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        public RunningApp(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        private void Append(string? line)
        {
            if (line is not null) lock (_output) _output.AppendLine(line);
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }
}
