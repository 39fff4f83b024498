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
    public void ThePublishedAppCarriesNoDemoCode()
    {
        var files = Directory.GetFiles(published.PublishDir).Select(Path.GetFileName).ToList();

        Assert.Contains("RevenueAngel.Web.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("RevenueAngel.Demo", StringComparison.Ordinal));
        Assert.DoesNotContain("Bogus.dll", files);
        Assert.DoesNotContain("RevenueAngel.Demo", File.ReadAllText(Path.Combine(published.PublishDir, "RevenueAngel.Web.deps.json")));
        Assert.DoesNotContain("RevenueAngel.Demo", published.Dockerfile);
    }

    [Fact]
    public async Task PublishedAppServesOnPostgreSqlWithTheContainersEnvironment()
    {
        var port = FreePort.Next();
        using var app = Start(new()
        {
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(),
            ["ConnectionStrings__RevenueAngel"] = await postgres.CreateDatabaseAsync("published"),
            ["Whop__ApiKey"] = "test_api_key",
            ["Whop__AppId"] = "app_test",
            ["Whop__WebhookSecrets__0"] = "ws_test_secret",
            ["Messaging__PublicBaseUrl"] = "https://revenueangel.example",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilHealthyAsync(http, app);
        var page = await http.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Open RevenueAngel from your Whop dashboard", await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("https://*.whop.com", page.Headers.GetValues("Content-Security-Policy").Single());
        var css = await http.GetAsync("/_content/MudBlazor/MudBlazor.min.css", Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_whop-fake/.well-known/jwks.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task PublishedAppRefusesDemoModeAndSaysToRunItFromSource()
    {
        var database = await postgres.CreateDatabaseAsync("published");
        using var app = Start(new()
        {
            ["ASPNETCORE_HTTP_PORTS"] = FreePort.Next().ToString(),
            ["ConnectionStrings__RevenueAngel"] = database,
            ["Demo__Enabled"] = "true",
            ["Demo__AllowDatabase"] = TestSettings.DatabaseName(database),
        });

        await WaitForExitAsync(app);

        Assert.NotEqual(0, app.Process.ExitCode);
        Assert.Contains("this build has no demo (RevenueAngel.Demo.dll)", app.Output);
        Assert.Contains("dotnet run --project RevenueAngel.Web", app.Output);
    }

    [Fact]
    public async Task PublishedAppWithoutWhopSettingsExitsAndNamesThem()
    {
        using var app = Start(new()
        {
            ["ASPNETCORE_HTTP_PORTS"] = FreePort.Next().ToString(),
            ["ConnectionStrings__RevenueAngel"] = await postgres.CreateDatabaseAsync("published"),
        });

        await WaitForExitAsync(app);

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

    private static async Task WaitForExitAsync(RunningApp app)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await app.Process.WaitForExitAsync(timeout.Token);
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
