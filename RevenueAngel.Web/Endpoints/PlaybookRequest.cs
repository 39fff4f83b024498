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
                Percent = s.Variants is { Count: > 0 } ? s.Percent ?? 100 - s.Variants.Sum(v => v.Percent ?? 0) : 100,
                Variants = [.. (s.Variants ?? []).Select(v => new StepVariantDraft
                {
                    Key = v.Key, Percent = v.Percent ?? 0, Title = v.Title ?? "", Body = v.Body ?? "", CtaLabel = v.CtaLabel, CtaUrl = v.CtaUrl,
                    Preheader = v.Preheader,
                })],
            })],
        };
    }

    public static PlaybookRequest Of(PlaybookDraft draft) => new(draft.Name, draft.Type, draft.Trigger, Parse(draft.TargetRules),
        Parse(draft.ExitRules), draft.Goal, draft.GoalPlanId, draft.Priority, draft.ReentryAfterDays, draft.HoldoutPercent, draft.Tone,
        [.. draft.Steps.Select(s => new StepRequest(s.Id, s.DelayMinutes, s.Channel, s.Title, s.Body, s.CtaLabel, s.CtaUrl, s.Purpose, s.Timing, s.Offer,
            s.FallbackChannel, s.Preheader, s.Variants.Count > 0 ? s.Percent : null,
            s.Variants.Count > 0 ? [.. s.Variants.Select(v => new VariantRequest(v.Key, v.Percent, v.Title, v.Body, v.CtaLabel, v.CtaUrl, v.Preheader))] : null))],
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
/// <param name="Percent">With variants: the share of subjects who get this message (A); A and the variants make 100.</param>
/// <param name="Variants">An A/B test's other messages (B, C, D); a PATCH that leaves `steps` out keeps them.</param>
public sealed record StepRequest(long? Id, int? DelayMinutes, MessageChannel? Channel, string? Title, string? Body, string? CtaLabel, string? CtaUrl,
    StepPurpose? Purpose = null, StepTiming? Timing = null, RevenueAngel.Core.Offers.OfferTerms? Offer = null,
    MessageChannel? FallbackChannel = null, string? Preheader = null, int? Percent = null, IReadOnlyList<VariantRequest>? Variants = null);

/// <param name="Key">"B", "C", "D" of a saved variant (keeps its measured subjects); omitted for a new one.</param>
/// <param name="Preheader">Email steps: this variant's own inbox preview line.</param>
public sealed record VariantRequest(string? Key, int? Percent, string? Title, string? Body, string? CtaLabel, string? CtaUrl, string? Preheader = null);
