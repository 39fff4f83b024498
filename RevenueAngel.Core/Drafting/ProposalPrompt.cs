using System.Text;
using System.Text.Json;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Drafting;

/// The conversation that asks the model for a whole playbook from a goal, and the schema of its answer.
internal static class ProposalPrompt
{
    public const string SchemaName = "playbook_proposal";
    public const int MaxGoalLength = 500;

    private static string Names<TEnum>() where TEnum : struct, Enum =>
        string.Join(",", Enum.GetValues<TEnum>().Select(v => JsonSerializer.Serialize(StoredEnum<TEnum>.ToText(v))));

    public static readonly JsonElement Schema = JsonDocument.Parse($$"""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string" },
            "module": { "type": "string", "enum": ["nurture", "tierlift", "churnsave"] },
            "trigger": { "type": "string", "enum": [{{Names<PlaybookTrigger>()}}] },
            "goal": { "type": "string", "enum": [{{Names<PlaybookGoal>()}}] },
            "goal_plan_id": { "type": "string", "description": "One of the plan ids given, or empty" },
            "target_rules_json": { "type": "string", "description": "The audience rules as JSON text, {} for everyone" },
            "steps": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "delay_minutes": { "type": "integer", "description": "Wait after the previous step (after entry for the first)" },
                  "channel": { "type": "string", "enum": [{{Names<MessageChannel>()}}] },
                  "purpose": { "type": "string", "enum": [{{Names<StepPurpose>()}}] },
                  "title": { "type": "string" },
                  "body": { "type": "string" },
                  "cta_label": { "type": "string" }
                },
                "required": ["delay_minutes", "channel", "purpose", "title", "body", "cta_label"],
                "additionalProperties": false
              }
            }
          },
          "required": ["name", "module", "trigger", "goal", "goal_plan_id", "target_rules_json", "steps"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public static string Request(string goal, DraftContext context)
    {
        var text = new StringBuilder();
        text.AppendLine("Design one playbook (an automated message sequence) that reaches the creator's goal below.");
        text.AppendLine();
        text.AppendLine("Modules, each with its triggers, goals and step purposes:");
        foreach (var module in Enum.GetValues<PlaybookType>())
            text.AppendLine($"- {(module == PlaybookType.Upsell ? "tierlift" : StoredEnum<PlaybookType>.ToText(module))}: {PlaybookValidator.TypeName(module)}; " +
                $"triggers {string.Join(", ", PlaybookValidator.AllowedTriggers(module).Select(StoredEnum<PlaybookTrigger>.ToText))}; " +
                $"goals {string.Join(", ", PlaybookValidator.AllowedGoals(module).Select(StoredEnum<PlaybookGoal>.ToText))}; " +
                $"purposes {string.Join(", ", StepPurposes.For(module).Select(p => $"{StoredEnum<StepPurpose>.ToText(p)} ({StepPurposes.Of(p).Brief})"))}; " +
                $"variables {string.Join(", ", ModuleVariables.For(module).Select(v => "{{ " + v.Name + " }}"))}.");
        text.AppendLine();
        text.AppendLine("A win_back goal (a new paid membership) goes only with the membership_deactivated trigger.");
        text.AppendLine("Audience rules (target_rules_json): {\"all\":[conditions]} or {\"any\":[conditions]}, groups may nest; a condition is " +
            "{\"field\":…,\"op\":…,\"value\":…}. Use {} with an event trigger. Fields:");
        foreach (var field in RuleFields.All)
            text.AppendLine($"- {field.Name} ({field.Subject.ToString().ToLowerInvariant()}s; {string.Join(" ", RuleFields.OperatorsFor(field.Kind))}; " +
                $"{(field.Kind == RuleFields.Kind.Number ? "a whole number" : field.Kind == RuleFields.Kind.Texts ? "a list of strings" : "true or false")}): {field.Description}");
        text.AppendLine("Membership statuses: active, trialing, past_due, canceling, canceled, expired, completed. Lead statuses: new, nurturing, converted, unsubscribed.");
        text.AppendLine();
        text.AppendLine($"Community: {context.CommunityName}, {context.ActiveMembers} active members.");
        if (context.Plans.Count > 0) text.AppendLine($"Plans (id: name, price): {string.Join("; ", context.Plans.Select(p => $"{p.Id}: {p.Name}, {p.Price}"))}");
        if (!string.IsNullOrWhiteSpace(context.BrandVoice)) text.AppendLine($"The creator's brand voice: {context.BrandVoice}");
        text.AppendLine($"Two to four steps, delays in minutes (a day is 1440). Messages follow the same rules as single drafts.");
        text.AppendLine();
        text.AppendLine($"The creator's goal: {goal}");
        return text.ToString();
    }
}
