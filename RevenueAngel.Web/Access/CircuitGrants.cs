using System.Collections.Concurrent;

namespace RevenueAngel.Web.Access;

/// What this circuit (or request) was let into, so revalidation can ask Whop again and a page can tell a revoked
/// admin from an expired session. Scoped: one per circuit.
public sealed class CircuitGrants
{
    private readonly ConcurrentDictionary<(bool IsExperience, string Id), bool> _granted = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();

    public void Grant(bool isExperience, string id) => _granted[(isExperience, id)] = true;

    public IReadOnlyList<(bool IsExperience, string Id)> Granted => [.. _granted.Keys];

    public void Revoke(bool isExperience, string id)
    {
        _granted.TryRemove((isExperience, id), out _);
        _revoked[id] = true;
    }

    public bool WasRevoked(string id) => _revoked.ContainsKey(id);
}
