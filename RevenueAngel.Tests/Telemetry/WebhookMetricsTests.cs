using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using RevenueAngel.Core.Telemetry;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Telemetry;

/// The Meter "RevenueAngel" counts what the webhook pipeline does (each outcome once, after it is committed) and
/// reports how long the oldest unapplied event has waited.
public sealed class WebhookMetricsTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task ReceiptsOutcomesDeadEventsAndQueueLagAreMeasured()
    {
        using var measured = new Measurements(app.Get<RevenueAngelMetrics>().Meter);
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();
        company.AddMember(1);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/dashboard/{company.CompanyId}", app.AdminTokenFor(company.CompanyId))).StatusCode);
        var at = app.Time.GetUtcNow();
        var (poison, real) = ($"msg_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}");
        var poisonBody = WhopEvents.Envelope("payment.failed", company.CompanyId, at, new Dictionary<string, object?>
        {
            ["id"] = $"pay_u_{company.CompanyId}", ["status"] = "open", ["user"] = "user_as_a_string", ["company"] = new { id = company.CompanyId },
        });
        await app.DeliverAsync(poisonBody, poison);
        await app.DeliverAsync(poisonBody, poison);
        await app.DeliverAsync(WhopEvents.Envelope("payment.failed", company.CompanyId, at, WhopEvents.Payment($"pay_r_{company.CompanyId}", company.CompanyId,
            $"user_{company.CompanyId}_0001", $"mem_{company.CompanyId}_0001", company.BasicPlanId, 19.99m, "open", at, "subscription_cycle", 1)), real);
        await app.DeliverAsync(poisonBody, signature: "v1,bm90IGEgc2lnbmF0dXJl");

        Assert.Equal((2, 1, 1), (measured.Sum("revenueangel.webhooks.received", "outcome", "stored"),
            measured.Sum("revenueangel.webhooks.received", "outcome", "duplicate"), measured.Sum("revenueangel.webhooks.received", "outcome", "rejected")));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(30, measured.Observe("revenueangel.webhooks.queue.lag"), precision: 0);

        await app.ProcessAsync();
        Assert.Equal((1, 1, 0), (measured.Sum("revenueangel.webhooks.processed", "status", "processed"),
            measured.Sum("revenueangel.webhooks.processed", "status", "failed"), measured.Sum("revenueangel.webhooks.dead")));
        app.Time.Advance(TimeSpan.FromHours(2));
        await app.ProcessAsync();

        Assert.Equal((1, 1), (measured.Sum("revenueangel.webhooks.processed", "status", "dead"), measured.Sum("revenueangel.webhooks.dead")));
        app.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, measured.Observe("revenueangel.webhooks.queue.lag"));
    }

    /// Everything one meter instance records, by instrument and tags.
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

        public Measurements(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => _seen.Enqueue((i.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => _seen.Enqueue((i.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public int Sum(string name, string? tag = null, string? value = null) => (int)_seen
            .Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))).Sum(m => m.Value);

        /// The latest value of an observable instrument, read now.
        public double Observe(string name)
        {
            _listener.RecordObservableInstruments();
            return _seen.Last(m => m.Name == name).Value;
        }

        public void Dispose() => _listener.Dispose();
    }
}
