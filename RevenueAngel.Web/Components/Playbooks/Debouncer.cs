namespace RevenueAngel.Web.Components.Playbooks;

/// Runs an action once input has been quiet for a while; a newer call cancels the pending one, and the token it
/// handed an action already running, so a render for an old keystroke stops instead of finishing for nobody.
public sealed class Debouncer(TimeSpan delay, TimeProvider? time = null) : IDisposable
{
    /// The wall clock typing is timed by, as a keyed service: the app's own TimeProvider may be a simulated one
    /// (the demo's), and a test replaces this one to type a burst deterministically.
    public const string ClockKey = "ui-clock";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private CancellationTokenSource? _pending;

    public async Task RunAsync(Func<CancellationToken, Task> action)
    {
        _pending?.Cancel();
        _pending?.Dispose();
        var pending = _pending = new CancellationTokenSource();
        var token = pending.Token;
        try
        {
            await Task.Delay(delay, _time, token);
            await action(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Superseded by a newer change, or the component went away.
        }
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }
}
