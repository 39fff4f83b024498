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

    /// Inboxes cut a subject at about 60 characters on a phone and a preheader at about 100.
    public const int EmailSubjectMaxLength = 70;
    public const int EmailPreheaderMaxLength = 110;
    /// What an email draft aims for: long enough to say one thing well, short enough to read on a phone.
    public const int EmailBodyTargetLength = 1200;

    public static JsonElement SchemaFor(MessageChannel channel) => channel == MessageChannel.Email ? EmailSchema : Schema;

    public static readonly JsonElement EmailSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "drafts": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "title": { "type": "string", "description": "The email's subject line (Liquid)" },
                  "preheader": { "type": "string", "description": "The inbox preview line shown after the subject (Liquid)" },
                  "body": { "type": "string", "description": "The email's body in Markdown (Liquid)" },
                  "cta_label": { "type": "string", "description": "The button's label (Liquid)" }
                },
                "required": ["title", "preheader", "body", "cta_label"],
                "additionalProperties": false
              }
            }
          },
          "required": ["drafts"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

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

    public static string System(MessagingOptions limits, MessageChannel channel = MessageChannel.Push) =>
        channel == MessageChannel.Email ? EmailSystem(limits) : PushSystem(limits);

    private static string EmailSystem(MessagingOptions limits) =>
        $"""
        You write short marketing emails that a creator on Whop sends to their leads and members. You write in the creator's
        voice, never as an AI, and never invent facts, prices, discounts or features that the context does not give.

        Rules for every draft:
        - Personalise with Liquid variables written exactly as {"{{ name }}"}, using only the variables listed in the request.
          No other Liquid: no tags, no filters, no loops.
        - The title is the subject line: at most {EmailSubjectMaxLength} characters once filled in, specific, no clickbait, no ALL CAPS,
          no "Re:" or "Fwd:".
        - The preheader is the preview line inboxes show after the subject: at most {EmailPreheaderMaxLength} characters, adding to the
          subject rather than repeating it.
        - The body is Markdown: a greeting, two to four short paragraphs, **bold** or a short list where it helps; no headings,
          no images, no HTML. Keep it under {EmailBodyTargetLength} characters (never more than {limits.EmailBodyMaxLength}).
        - Never put a link or URL in the text: the button under the body carries the link. The footer with the unsubscribe link
          and postal address is added for you; do not write one, and do not sign off with a fake name.
        - The button label is 2 to 4 words, at most 40 characters.
        - Answer only with JSON that follows the schema.
        """;

    private static string PushSystem(MessagingOptions limits) =>
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
        text.AppendLine($"Channel: {ChannelMeaning(request.Channel)}.");
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

    public static IList<ChatMessage> Conversation(MessagingOptions limits, string request, MessageChannel channel = MessageChannel.Push) =>
        [new(ChatRole.System, System(limits, channel)), new(ChatRole.User, request)];

    private static string ChannelMeaning(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => "push notification (shown on the lock screen: lead with the point)",
        MessageChannel.Email => "email (the subject and preheader decide whether it is opened; the body reads as a note from the creator)",
        _ => "direct message (reads as a personal note)",
    };

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
