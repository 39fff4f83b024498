using System.Collections.Concurrent;

namespace RevenueAngel.Demo.WhopFake;

/// An in-memory, per-company Whop. Tests and the demo fill it, the fake endpoints serve it.
public sealed class FakeWhopStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _faults = new();
    private readonly Dictionary<(string UserId, string ResourceId), string> _access = [];
    private readonly List<(string PathPart, DateTimeOffset Until, int Status)> _outages = [];

    public string ApiKey { get; set; } = "fake_api_key";
    public FakeWhopTokens Tokens { get; } = new();
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public ConcurrentDictionary<string, FakeCompany> Companies { get; } = new();
    public ConcurrentDictionary<string, FakeUser> Users { get; } = new();
    public ConcurrentDictionary<string, FakePlan> Plans { get; } = new();
    public ConcurrentDictionary<string, FakeProduct> Products { get; } = new();
    public ConcurrentDictionary<string, FakeExperience> Experiences { get; } = new();
    public ConcurrentDictionary<string, FakeMembership> Memberships { get; } = new();
    public ConcurrentDictionary<string, FakePayment> Payments { get; } = new();
    public ConcurrentDictionary<string, FakeEntry> Entries { get; } = new();
    public ConcurrentDictionary<string, FakeRefund> Refunds { get; } = new();

    /// False: GET /payments ignores `updated_after`/`updated_before`, as a Whop without those filters would (the
    /// reference names them; not every SDK types them). The client copes through Whop:PaymentsUpdatedAfterParameter.
    public bool PaymentsFilterByUpdatedAt { get; set; } = true;
    /// Support channel id → company.
    public ConcurrentDictionary<string, string> Channels { get; } = new();
    public FakeRequestLog Requests { get; } = new();
    public ConcurrentQueue<FakeDelivery> Deliveries { get; } = new();

    /// Where the fake delivers webhooks it raises (retry, refund, cancel), signed with WebhookSecret.
    public Uri? WebhookUrl { get; set; }
    public string WebhookSecret { get; set; } = "ws_fake_webhook_secret";

    /// How long the fake takes to answer once it has recorded a delivery (a notification, a message…): calls stay in
    /// flight long enough for a crash to land between Whop's delivery and our record of it.
    public TimeSpan DeliveryAnswerDelay { get; set; }

    private int _answersPending;

    /// Deliveries recorded whose answer has not gone back yet.
    public int AnswersPending => Volatile.Read(ref _answersPending);

    internal async Task AnswerLaterAsync()
    {
        if (DeliveryAnswerDelay <= TimeSpan.Zero) return;
        Interlocked.Increment(ref _answersPending);
        try
        {
            await Task.Delay(DeliveryAnswerDelay);
        }
        finally
        {
            Interlocked.Decrement(ref _answersPending);
        }
    }

    /// How long the fake takes to answer an access check (a slow Whop).
    public TimeSpan AccessCheckDelay { get; set; }

    /// When set, access checks answer this status (a Whop outage of that one call).
    public int? AccessCheckStatus { get; set; }

    public void Grant(string userId, string resourceId, string accessLevel)
    {
        lock (_gate) _access[(userId, resourceId)] = accessLevel;
    }

    public string AccessLevel(string userId, string resourceId)
    {
        lock (_gate) return _access.GetValueOrDefault((userId, resourceId), "no_access");
    }

    /// The next <paramref name="count"/> API calls answer <paramref name="status"/> (429 with retry-after, 5xx bursts).
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        lock (_gate) for (var i = 0; i < count; i++) _faults.Enqueue((status, retryAfter));
    }

    public (int Status, TimeSpan? RetryAfter)? TakeFault()
    {
        lock (_gate) return _faults.TryDequeue(out var fault) ? fault : null;
    }

    /// Until <paramref name="until"/> (on Time), calls whose path contains <paramref name="pathPart"/> answer
    /// <paramref name="status"/>: an outage of one endpoint.
    public void FailUntil(DateTimeOffset until, int status, string pathPart)
    {
        lock (_gate) _outages.Add((pathPart, until, status));
    }

    public int? OutageStatus(string path)
    {
        var now = Time.GetUtcNow();
        lock (_gate) return _outages.Where(o => o.Until > now && path.Contains(o.PathPart, StringComparison.Ordinal)).Select(o => (int?)o.Status).FirstOrDefault();
    }

    /// Records a refund of <paramref name="amount"/> (at most what is left) and moves the payment's refunded amount,
    /// substatus and `updated_at`, as Whop does; tests call it to build Whop's side of a refund without a delivery.
    public FakeRefund RefundPayment(FakePayment payment, decimal amount, DateTimeOffset? at = null)
    {
        var now = at ?? Time.GetUtcNow();
        var refunded = Math.Min(payment.Total, (payment.RefundedAmount ?? 0) + amount);
        var refund = new FakeRefund
        {
            Id = $"rf_{Guid.NewGuid():N}"[..17], PaymentId = payment.Id, Amount = refunded - (payment.RefundedAmount ?? 0), Currency = payment.Currency,
            CreatedAt = now, UpdatedAt = now,
        };
        Refunds[refund.Id] = refund;
        (payment.RefundedAmount, payment.UpdatedAt) = (refunded, now);
        payment.Substatus = refunded >= payment.Total ? "refunded" : "partially_refunded";
        return refund;
    }

    /// Runs on every API call as it arrives, before it is answered (tests act while a call is in flight).
    public Action<FakeRequest>? OnRequest { get; set; }

    public void Dispose() => Tokens.Dispose();
}
