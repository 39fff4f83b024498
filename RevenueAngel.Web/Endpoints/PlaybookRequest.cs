using System.Text.Json;
using System.Text.Json.Nodes;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Endpoints;

/// The API's playbook body: POST takes it whole, PATCH as a JSON merge patch (RFC 7396) over the current one,
/// so a field left out keeps its value and `null` clears it (`"reentryAfterDays": null` = never re-enter).
public sealed record PlaybookRequest(
    string? Name,
    PlaybookType? Type,
    PlaybookTrigger? Trigger,
    JsonElement? TargetRules,
    JsonElement? ExitRules,
    PlaybookGoal? Goal,
    string? GoalPlanId,
    int? Priority,
    int? ReentryAfterDays,
    int? HoldoutPercent,
    MessageTone? Tone,
    IReadOnlyList<StepRequest>? Steps,
    string? CustomTone = null,
    IReadOnlyList<int>? OwnRetryDays = null,
    int? OwnRetryLimit = null,
    IReadOnlyDictionary<string, RevenueAngel.Core.Offers.OfferTerms>? CancelOfferRoutes = null,
    bool? OwnRetryAfterClick = null)
{
    public PlaybookDraft ToDraft()
    {
        var type = Type ?? PlaybookType.Upsell;
        var trigger = Trigger ?? PlaybookTrigger.SegmentEntry;
        return new PlaybookDraft
        {
            Name = Name ?? "", Type = type,
            Trigger = trigger,
            TargetRules = TargetRules is { ValueKind: JsonValueKind.Object } rules ? rules.GetRawText() : "{}",
            ExitRules = ExitRules is { ValueKind: JsonValueKind.Object } exit ? exit.GetRawText() : "{}",
            Goal = Goal ?? PlaybookValidator.AllowedGoals(type, trigger)[0],
            GoalPlanId = GoalPlanId, Priority = Priority ?? 20, ReentryAfterDays = ReentryAfterDays, HoldoutPercent = HoldoutPercent ?? 10,
            Tone = Tone ?? MessageTone.Friendly, CustomTone = CustomTone,
            OwnRetryDays = [.. OwnRetryDays ?? []], OwnRetryLimit = OwnRetryLimit ?? 2, OwnRetryAfterClick = OwnRetryAfterClick ?? false,
            CancelOfferRoutes = CancelOfferRoutes?.ToDictionary() ?? [],
            Steps = [.. (Steps ?? []).Select(s => new StepDraft
            {
                Id = s.Id, DelayMinutes = s.DelayMinutes ?? 0, Timing = s.Timing ?? StepTiming.AfterPrevious, Channel = s.Channel ?? MessageChannel.Push, Purpose = s.Purpose,
                Title = s.Title ?? "", Body = s.Body ?? "", CtaLabel = s.CtaLabel, CtaUrl = s.CtaUrl, Offer = s.Offer,
                FallbackChannel = s.FallbackChannel, Preheader = s.Preheader,
            })],
        };
    }

    public static PlaybookRequest Of(PlaybookDraft draft) => new(draft.Name, draft.Type, draft.Trigger, Parse(draft.TargetRules),
        Parse(draft.ExitRules), draft.Goal, draft.GoalPlanId, draft.Priority, draft.ReentryAfterDays, draft.HoldoutPercent, draft.Tone,
        [.. draft.Steps.Select(s => new StepRequest(s.Id, s.DelayMinutes, s.Channel, s.Title, s.Body, s.CtaLabel, s.CtaUrl, s.Purpose, s.Timing, s.Offer,
            s.FallbackChannel, s.Preheader))],
        draft.CustomTone, draft.OwnRetryDays, draft.OwnRetryLimit, draft.CancelOfferRoutes, draft.OwnRetryAfterClick);

    /// RFC 7396 over the current playbook; returns null and the reason when the patch cannot be read.
    public static (PlaybookRequest? Request, string? Problem) MergePatch(PlaybookDraft current, JsonElement patch, JsonSerializerOptions options)
    {
        if (patch.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON object.");
        var target = JsonSerializer.SerializeToNode(Of(current), options)!.AsObject();
        Merge(target, JsonObject.Create(patch)!);
        return Read(target.ToJsonString(), options);
    }

    public static (PlaybookRequest? Request, string? Problem) Read(string json, JsonSerializerOptions options)
    {
        try
        {
            return (JsonSerializer.Deserialize<PlaybookRequest>(json, options) ?? throw new JsonException("The body is empty."), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            var key = target.ContainsKey(name) ? name : target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (value is null) target.Remove(key);
            else if (value is JsonObject child && target[key] is JsonObject existing && key is not ("targetRules" or "exitRules")) Merge(existing, child);
            else target[key] = value.DeepClone();
        }
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json).RootElement.Clone();
}

/// <param name="Id">An existing step to keep (PATCH); omitted for a new step.</param>
/// <param name="Timing">after_previous (default) or before_next_retry (delayMinutes before Whop's next retry of the failed payment).</param>
/// <param name="Purpose">What the message is for (welcome, reminder, social_proof, …); drafting writes to it.</param>
/// <param name="Offer">ChurnSave only: `{"kind":"pause","days":14}`, `free_days` + days, `discount` + percent, `downgrade` + planId.</param>
/// <param name="Channel">push, direct_message or email; an email step's title is its subject and its body Markdown.</param>
/// <param name="FallbackChannel">Used when Channel cannot reach the subject ("push, else email").</param>
/// <param name="Preheader">Email only: the inbox preview line (Liquid).</param>
public sealed record StepRequest(long? Id, int? DelayMinutes, MessageChannel? Channel, string? Title, string? Body, string? CtaLabel, string? CtaUrl,
    StepPurpose? Purpose = null, StepTiming? Timing = null, RevenueAngel.Core.Offers.OfferTerms? Offer = null,
    MessageChannel? FallbackChannel = null, string? Preheader = null);
