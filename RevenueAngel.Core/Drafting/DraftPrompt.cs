using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Drafting;

/// The conversation that asks the model for message drafts, and the JSON schema its answer must follow.
internal static class DraftPrompt
{
    public const string SchemaName = "message_drafts";

    public static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "drafts": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "title": { "type": "string", "description": "The notification's title (Liquid)" },
                  "body": { "type": "string", "description": "The message text (Liquid)" },
                  "cta_label": { "type": "string", "description": "The button's label (Liquid)" }
                },
                "required": ["title", "body", "cta_label"],
                "additionalProperties": false
              }
            }
          },
          "required": ["drafts"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public static string System(MessagingOptions limits) =>
        $"""
        You write short marketing messages that a creator on Whop sends to people in their paid community, as Whop push
        notifications or direct messages. You write in the creator's voice, never as an AI, and never invent facts,
        prices, discounts or features that the context does not give.

        Rules for every draft:
        - Personalise with Liquid variables written exactly as {"{{ name }}"}, using only the variables listed in the request.
          No other Liquid: no tags, no filters, no loops.
        - Once the variables are filled in, the title is at most {limits.TitleMaxLength} characters and the body at most
          {limits.BodyMaxLength} characters; keep the body under 300 characters. The button label is 2 to 4 words, at most 40 characters.
        - Never put a link or URL in the text: the button carries the link.
        - Plain text: no Markdown, no HTML, no hashtags.
        - Answer only with JSON that follows the schema.
        """;

    public static string Request(DraftRequest request, IReadOnlyList<MessageTone> tones, DraftContext context)
    {
        var purpose = StepPurposes.Of(request.Purpose);
        var text = new StringBuilder();
        text.AppendLine($"Module: {PlaybookValidator.TypeName(request.Module)} ({ModuleGoal(request.Module)}).");
        text.AppendLine($"Step: {purpose.Name}. {purpose.Brief}");
        text.AppendLine($"Channel: {(request.Channel == MessageChannel.Push ? "push notification (shown on the lock screen: lead with the point)" : "direct message (reads as a personal note)")}.");
        text.AppendLine($"The button opens: {LinkMeaning(purpose.Link)}.");
        text.AppendLine();
        text.AppendLine("Community context:");
        text.AppendLine($"- Community name: {context.CommunityName}");
        text.AppendLine($"- Active members: {context.ActiveMembers}");
        if (context.Plans.Count > 0) text.AppendLine($"- Plans: {string.Join("; ", context.Plans.Select(p => $"{p.Name} ({p.Price})"))}");
        if (context.GoalPlan is not null) text.AppendLine($"- The plan this playbook sells: {context.GoalPlan}");
        if (!string.IsNullOrWhiteSpace(context.BrandVoice)) text.AppendLine($"- The creator's brand voice: {context.BrandVoice}");
        text.AppendLine();
        text.AppendLine("Variables you may use:");
        foreach (var variable in ModuleVariables.For(request.Module)) text.AppendLine($"- {{{{ {variable.Name} }}}}: {variable.Description}");
        text.AppendLine();
        text.AppendLine($"Write {tones.Count} different draft{(tones.Count == 1 ? "" : "s")}, in this order:");
        for (var i = 0; i < tones.Count; i++) text.AppendLine($"{i + 1}. Tone: {ToneDescription(tones[i], request.CustomTone)}");
        return text.ToString();
    }

    /// The follow-up when some drafts were unusable: what was wrong with each, so the model can fix it.
    public static string Correction(IReadOnlyList<(int Index, IReadOnlyList<string> Problems)> rejected) =>
        "Some drafts cannot be used. Write the whole answer again with these problems fixed:\n" +
        string.Join("\n", rejected.Select(r => $"- Draft {r.Index + 1}: {string.Join(" ", r.Problems)}"));

    public static IList<ChatMessage> Conversation(MessagingOptions limits, string request) =>
        [new(ChatRole.System, System(limits)), new(ChatRole.User, request)];

    public static string ToneDescription(MessageTone tone, string? custom) => tone switch
    {
        MessageTone.Friendly => "friendly: warm, personal, like a note from the creator",
        MessageTone.Expert => "expert: confident and specific, about outcomes and what is included",
        MessageTone.Hype => "hype: high energy, short sentences, one or two emoji",
        MessageTone.Minimal => "minimal: as few words as possible, no emoji",
        _ => $"custom, as the creator describes it: {custom}",
    };

    private static string ModuleGoal(PlaybookType module) => module switch
    {
        PlaybookType.Nurture => "turns leads who showed interest into first-time buyers",
        PlaybookType.Upsell => "lifts members to a higher plan",
        _ => "keeps members whose payment failed or who want to leave, and wins back those who left",
    };

    private static string LinkMeaning(string link) => link switch
    {
        "{{ checkout_url }}" => "a checkout for the plan",
        "{{ update_payment_url }}" => "the member's billing page on Whop, to update the card or change the plan",
        _ => "the playbook's offer (a checkout with its promo code)",
    };
}
