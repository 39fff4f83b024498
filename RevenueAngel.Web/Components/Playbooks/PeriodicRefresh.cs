namespace RevenueAngel.Web.Components.Playbooks;

/// Calls a component's reload every period until disposed with the component, so new sends show up without a reload.
public sealed class PeriodicRefresh : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public void Start(TimeSpan period, Func<CancellationToken, Task> tick, Func<Exception, Task> failed) => _ = RunAsync(period, tick, failed);

    private async Task RunAsync(TimeSpan period, Func<CancellationToken, Task> tick, Func<Exception, Task> failed)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await tick(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The component was disposed.
        }
        catch (Exception e)
        {
            await failed(e);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
