namespace RevenueAngel.Web.Components.Playbooks;

/// Runs an action once input has been quiet for a while; a newer call cancels the pending one.
public sealed class Debouncer(TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? _pending;

    public async Task RunAsync(Func<CancellationToken, Task> action)
    {
        _pending?.Cancel();
        _pending?.Dispose();
        var pending = _pending = new CancellationTokenSource();
        var token = pending.Token;
        try
        {
            await Task.Delay(delay, token);
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
