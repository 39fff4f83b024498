using System.Collections;
using System.Collections.Concurrent;

namespace RevenueAngel.Demo.WhopFake;

/// The calls the fake received, oldest first. Only the latest Limit are kept: a demo runs for days.
public sealed class FakeRequestLog : IReadOnlyCollection<FakeRequest>
{
    public const int DefaultLimit = 5_000;
    private readonly ConcurrentQueue<FakeRequest> _entries = new();

    public int Limit { get; set; } = DefaultLimit;

    public int Count => _entries.Count;

    public void Enqueue(FakeRequest request)
    {
        _entries.Enqueue(request);
        while (_entries.Count > Limit && _entries.TryDequeue(out _)) { }
    }

    public void Clear() => _entries.Clear();

    public IEnumerator<FakeRequest> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
