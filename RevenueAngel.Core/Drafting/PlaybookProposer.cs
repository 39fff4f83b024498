using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Core.Drafting;

/// A whole playbook from the creator's goal: the model proposes it, the playbook validator and the drafter's checks
/// judge it, one correction is allowed, and otherwise the nearest library blueprint is offered. Nothing is saved here.
public sealed class PlaybookProposer(DraftingModel model, ModelCalls calls, DraftChecks checks, PlaybookEditor editor,
    IOptions<MessagingOptions> messaging, IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public const int MaxGoalLength = ProposalPrompt.MaxGoalLength;

    public async Task<PlaybookProposal> ProposeAsync(CompanyScope company, string goal, CancellationToken ct = default)
    {
        goal = goal.Trim();
        if (goal.Length > MaxGoalLength) goal = goal[..MaxGoalLength];
        if (model.Create() is not { } client) return Blueprint(goal, "No AI model is configured, so this is the library's nearest playbook.");

        DraftContext context;
        await using (var db = await contexts.CreateDbContextAsync(ct)) context = await DraftContext.LoadAsync(db, company.Id, null, ct);
        var conversation = DraftPrompt.Conversation(messaging.Value, ProposalPrompt.Request(goal, context));
        var chat = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ProposalPrompt.Schema, ProposalPrompt.SchemaName, "A playbook for the creator's goal"),
            Temperature = 0.5f,
            MaxOutputTokens = 2500,
        };
        IReadOnlyList<string> problems = [];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var reply = await calls.AskAsync(client, company.Id, conversation, chat, ct);
            if (reply.Failure is not null) return Blueprint(goal, $"{reply.Failure} This is the library's nearest playbook.");
            var (draft, unreadable) = Read(reply.Text);
            problems = draft is null ? [unreadable!] : await ProblemsAsync(company.Id, draft, ct);
            if (problems.Count == 0) return new PlaybookProposal(draft!, DraftSource.Model, null);
            conversation.Add(new ChatMessage(ChatRole.Assistant, reply.Text ?? ""));
            conversation.Add(new ChatMessage(ChatRole.User, "The playbook cannot be used. Answer again with these problems fixed:\n- " + string.Join("\n- ", problems)));
        }
        return Blueprint(goal, $"The model's playbook was not valid after one correction ({string.Join(" ", problems.Take(5))}); this is the library's nearest playbook.");
    }

    private async Task<IReadOnlyList<string>> ProblemsAsync(string companyId, PlaybookDraft draft, CancellationToken ct)
    {
        var problems = (await editor.ValidateAsync(companyId, draft, ct)).SelectMany(p => p.Value.Select(m => $"{p.Key}: {m}")).ToList();
        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            if (step.Purpose is not { } purpose || !StepPurposes.Fits(purpose, draft.Type)) continue;
            problems.AddRange(checks.Problems(step.Title, step.Body, step.CtaLabel ?? "", new DraftRequest(draft.Type, purpose, draft.Tone))
                .Select(p => $"steps[{i}]: {p}"));
        }
        return problems.Distinct().ToList();
    }

    private static (PlaybookDraft? Draft, string? Problem) Read(string? text)
    {
        try
        {
            using var document = JsonDocument.Parse(MessageDrafter.WithoutFence(text ?? ""));
            var root = document.RootElement;
            var type = Text(root, "module") switch
            {
                "nurture" => PlaybookType.Nurture,
                "tierlift" or "upsell" => PlaybookType.Upsell,
                "churnsave" => PlaybookType.ChurnSave,
                var other => throw new FormatException($"'{other}' is not a module (nurture, tierlift, churnsave)."),
            };
            var draft = new PlaybookDraft
            {
                Name = Text(root, "name") ?? "",
                Type = type,
                Trigger = StoredEnum<PlaybookTrigger>.Parse(Text(root, "trigger") ?? ""),
                Goal = StoredEnum<PlaybookGoal>.Parse(Text(root, "goal") ?? ""),
                GoalPlanId = Text(root, "goal_plan_id") is { Length: > 0 } plan ? plan : null,
                TargetRules = Text(root, "target_rules_json") is { Length: > 0 } rules ? rules : "{}",
                Priority = PlaybookLibrary.All.First(b => b.Type == type).Priority,
                ReentryAfterDays = type == PlaybookType.Nurture ? null : 90,
            };
            if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array) return (null, "The answer has no 'steps' list.");
            foreach (var step in steps.EnumerateArray().Take(PlaybookValidator.MaxSteps + 1))
            {
                var purpose = StoredEnum<StepPurpose>.Parse(Text(step, "purpose") ?? "");
                draft.Steps.Add(new StepDraft
                {
                    DelayMinutes = step.TryGetProperty("delay_minutes", out var delay) && delay.TryGetInt32(out var minutes) ? minutes : -1,
                    Channel = StoredEnum<MessageChannel>.Parse(Text(step, "channel") ?? ""),
                    Purpose = purpose,
                    Title = Text(step, "title") ?? "", Body = Text(step, "body") ?? "", CtaLabel = Text(step, "cta_label"),
                    CtaUrl = StepPurposes.Of(purpose).Link,
                });
            }
            return (draft, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, $"The answer cannot be read: {e.Message}");
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static PlaybookProposal Blueprint(string goal, string reason) =>
        new(BlueprintDrafts.Of(BlueprintDrafts.Nearest(goal), MessageTone.Friendly), DraftSource.Library, reason);
}
