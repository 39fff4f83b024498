using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Core.Drafting;

/// Library blueprints as editable drafts, and the one nearest to a goal in words.
public static class BlueprintDrafts
{
    private static readonly (PlaybookBlueprint Blueprint, string[] Words)[] Keywords =
    [
        (PlaybookLibrary.PaymentRecovery, ["fail", "declin", "card", "payment", "dunning", "recover", "cancel", "churn", "win back", "win-back", "winback", "left", "lapsed", "rejoin", "save"]),
        (PlaybookLibrary.UpgradeToPro, ["upgrade", "upsell", "pro", "tier", "premium", "higher", "vip", "annual", "members past", "basic"]),
        (PlaybookLibrary.FirstPurchase, ["lead", "first", "buy", "purchase", "join", "signup", "sign up", "waitlist", "free", "convert", "trial", "nurture"]),
    ];

    public static PlaybookBlueprint Nearest(string goal)
    {
        var text = goal.ToLowerInvariant();
        var best = Keywords.Select(k => (k.Blueprint, Hits: k.Words.Count(w => text.Contains(w, StringComparison.Ordinal)))).OrderByDescending(k => k.Hits).First();
        return best.Hits > 0 ? best.Blueprint : PlaybookLibrary.FirstPurchase;
    }

    public static PlaybookDraft Of(PlaybookBlueprint blueprint, MessageTone tone) => new()
    {
        Name = blueprint.Name, Type = blueprint.Type, Trigger = blueprint.Trigger, Goal = blueprint.Goal, Priority = blueprint.Priority,
        ReentryAfterDays = blueprint.ReentryAfterDays, TargetRules = blueprint.TargetRules, Tone = tone,
        Steps = [.. blueprint.Steps.Select(s =>
        {
            var copy = DraftLibrary.Copy(s.Purpose, tone);
            return new StepDraft
            {
                DelayMinutes = s.DelayMinutes, Channel = s.Channel, FallbackChannel = s.Fallback, Purpose = s.Purpose, Title = copy.Title, Body = copy.Body, CtaLabel = copy.CtaLabel,
                CtaUrl = copy.CtaUrl,
            };
        })],
    };
}
