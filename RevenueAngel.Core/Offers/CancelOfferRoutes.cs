using System.Text.Json;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// A cancel-save playbook's offer by the member's reason for cancelling (Whop's `cancel_option`): e.g. too_expensive →
/// a discount, missing_features → a pause, other → free days. A reason without a route takes `other`'s, then the
/// step's own offer. Stored as JSON: {"too_expensive":{"kind":"discount","percent":20}, …}.
public static class CancelOfferRoutes
{
    private sealed record StoredTerms(string Kind, int? Days, int? Percent, string? PlanId);

    public static IReadOnlyDictionary<string, OfferTerms> Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return new Dictionary<string, OfferTerms>();
        var routes = JsonSerializer.Deserialize<Dictionary<string, StoredTerms>>(stored) ?? [];
        return routes.ToDictionary(r => r.Key, r => new OfferTerms(StoredEnum<OfferKind>.Parse(r.Value.Kind), r.Value.Days, r.Value.Percent, r.Value.PlanId));
    }

    public static string? Write(IReadOnlyDictionary<string, OfferTerms> routes) => routes.Count == 0
        ? null
        : JsonSerializer.Serialize(routes.ToDictionary(r => r.Key, r => new StoredTerms(StoredEnum<OfferKind>.ToText(r.Value.Kind), r.Value.Days, r.Value.Percent, r.Value.PlanId)));

    /// The offer for a member who gave this reason; null when the playbook routes nothing for it.
    public static OfferTerms? For(IReadOnlyDictionary<string, OfferTerms> routes, string? cancelOption) =>
        cancelOption is not null && routes.TryGetValue(cancelOption, out var terms) ? terms : routes.GetValueOrDefault("other");
}
