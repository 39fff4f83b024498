using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RevenueAngel.Bench;

/// The published web app (RA_BENCH_APP, the dll scripts/bench.sh publishes) in a process of its own on a loopback
/// port, as the container runs it, with settings given as environment variables; its working set sampled throughout.
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakWorkingSet;

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = new Uri(baseUrl);
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = Task.Run(SampleAsync);
    }

    public Uri BaseUrl { get; }

    /// The largest working set seen so far (sampled every 100 ms, and the kernel's own high-water mark).
    public long PeakWorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return Math.Max(Interlocked.Read(ref _peakWorkingSet), _process.HasExited ? 0 : _process.PeakWorkingSet64);
        }
    }

    public static async Task<AppProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var app = new AppProcess(Process.Start(start)!, url);
        using var http = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited) break;
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(250);
        }
        var output = app.Output;
        await app.DisposeAsync();
        throw new InvalidOperationException($"The app did not become healthy:\n{output}");
    }

    public string Output
    {
        get
        {
            lock (_lastLines) return string.Join('\n', _lastLines);
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested && !_process.HasExited)
        {
            _process.Refresh();
            var current = _process.WorkingSet64;
            if (current > Interlocked.Read(ref _peakWorkingSet)) Interlocked.Exchange(ref _peakWorkingSet, current);
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _stop.Dispose();
    }
}
