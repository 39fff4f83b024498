using System.Diagnostics;

namespace RevenueAngel.Tests.Deployment.Replicas;

/// One run of the published app (`dotnet RevenueAngel.Web.dll`) with its own environment and nothing else, its
/// output kept line by line. Kill is SIGKILL: nothing in the app runs after it.
public sealed class AppProcess : IDisposable
{
    private readonly List<string> _lines = [];

    public AppProcess(string publishDir, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(publishDir, "RevenueAngel.Web.dll")])
        {
            WorkingDirectory = publishDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what a container would have: no settings leak in from the test runner's environment.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_ENVIRONMENT") || k.Contains("__")).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => Append(e.Data);
        Process.ErrorDataReceived += (_, e) => Append(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public string Output => string.Join('\n', Lines);

    public void Kill()
    {
        if (!Process.HasExited) Process.Kill();
        Process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is not null) lock (_lines) _lines.Add(line);
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}
