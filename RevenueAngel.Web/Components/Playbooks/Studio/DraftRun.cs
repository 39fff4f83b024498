namespace RevenueAngel.Web.Components.Playbooks.Studio;

/// One model call at a time for a component: the creator can cancel it, and disposing the component cancels it, so a
/// closed editor never keeps a request (and the company's budget) busy. The circuit only awaits it, never blocks.
public sealed class DraftRun : IDisposable
{
    private CancellationTokenSource? _current;

    public bool Running => _current is not null;

    /// The work's result, or null when it was canceled.
    public async Task<T?> RunAsync<T>(Func<CancellationToken, Task<T>> work) where T : class
    {
        if (_current is not null) return null;
        var run = _current = new CancellationTokenSource();
        try
        {
            return await work(run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            _current = null;
            run.Dispose();
        }
    }

    public void Cancel() => _current?.Cancel();

    public void Dispose() => Cancel();
}
