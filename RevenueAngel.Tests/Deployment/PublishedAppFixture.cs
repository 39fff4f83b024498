using System.Diagnostics;
using System.Text.RegularExpressions;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Deployment;

/// What the Dockerfile's build stage makes (a Release publish of the web project), and the environment its
/// runtime stage sets, read from the Dockerfile itself so the two cannot drift apart.
public sealed partial class PublishedAppFixture : IAsyncLifetime
{
    /// RA_TEST_PUBLISHED_APP names a publish folder to use as it is (to rerun the deployment tests without publishing
    /// again); unset, the fixture publishes into a temp folder of its own.
    private static readonly string? Given = Environment.GetEnvironmentVariable("RA_TEST_PUBLISHED_APP") is { Length: > 0 } dir ? dir : null;

    public string PublishDir { get; } = Given ?? Directory.CreateTempSubdirectory("ra-test-publish-").FullName;
    public string Dockerfile { get; } = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    public IReadOnlyDictionary<string, string> ContainerEnvironment => EnvLines().Matches(Dockerfile.Replace("\\\n", " "))
        .SelectMany(m => KeyValue().Matches(m.Groups[1].Value))
        .ToDictionary(kv => kv.Groups[1].Value, kv => kv.Groups[2].Value);

    public async ValueTask InitializeAsync()
    {
        if (Given is not null) return;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["publish", "RevenueAngel.Web/RevenueAngel.Web.csproj", "-c", "Release", "-o", PublishDir,
                     "-p:UseAppHost=false", "--disable-build-servers", "-nodeReuse:false"])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed: {await output}{await errors}");
    }

    public ValueTask DisposeAsync()
    {
        if (Given is null) Directory.Delete(PublishDir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"^ENV\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex EnvLines();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S+)")]
    private static partial Regex KeyValue();
}
