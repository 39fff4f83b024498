using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Drafting;

/// Drafts step messages: through the model when one is configured, checked exactly like a hand-written template;
/// an unusable answer goes back once with its problems; whatever still fails comes from the library, saying why.
public sealed class MessageDrafter(DraftingModel model, ModelCalls calls, DraftChecks checks, IOptions<MessagingOptions> messaging,
    IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public const string NoModel = "No AI model is configured, so this comes from the built-in library.";

    /// Request.Variants drafts in the request's tone.
    public Task<IReadOnlyList<MessageDraft>> DraftAsync(CompanyScope company, DraftRequest request, CancellationToken ct = default) =>
        DraftAsync(company, request, [.. Enumerable.Repeat(request.Tone, Math.Clamp(request.Variants, 1, DraftRequest.MaxVariants))], ct);

    /// One draft per built-in tone, so tone is what an A/B test of them measures.
    public Task<IReadOnlyList<MessageDraft>> DraftToneTestAsync(CompanyScope company, DraftRequest request, CancellationToken ct = default) =>
        DraftAsync(company, request, DraftLibrary.Tones, ct);

    private async Task<IReadOnlyList<MessageDraft>> DraftAsync(CompanyScope company, DraftRequest request, IReadOnlyList<MessageTone> tones,
        CancellationToken ct)
    {
        if (model.Create() is not { } client) return Library(request, tones, NoModel);

        DraftContext context;
        await using (var db = await contexts.CreateDbContextAsync(ct)) context = await DraftContext.LoadAsync(db, company.Id, request.GoalPlanId, ct);
        var email = request.Channel == MessageChannel.Email;
        var conversation = DraftPrompt.Conversation(messaging.Value, DraftPrompt.Request(request, tones, context), request.Channel);
        var chat = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(DraftPrompt.SchemaFor(request.Channel), DraftPrompt.SchemaName, "Message drafts for one step"),
            Temperature = 0.8f,
            // An email is a few paragraphs, a push a couple of sentences.
            MaxOutputTokens = (email ? 700 : 300) * tones.Count + 200,
        };

        var accepted = new MessageDraft?[tones.Count];
        var problems = new IReadOnlyList<string>[tones.Count];
        string? failure = null;
        for (var attempt = 0; attempt < 2 && accepted.Any(d => d is null); attempt++)
        {
            var reply = await calls.AskAsync(client, company.Id, conversation, chat, ct);
            if (reply.Failure is not null)
            {
                failure = reply.Failure;
                break;
            }
            var (copies, unreadable) = Read(reply.Text, tones.Count);
            for (var i = 0; i < tones.Count; i++)
            {
                if (accepted[i] is not null) continue;
                if (copies[i] is not { } copy)
                {
                    problems[i] = [unreadable ?? "This draft is missing from the answer."];
                    continue;
                }
                problems[i] = checks.Problems(copy.Title, copy.Body, copy.CtaLabel, request, copy.Preheader);
                if (problems[i].Count == 0)
                    accepted[i] = new MessageDraft(copy.Title.Trim(), copy.Body.Trim(), copy.CtaLabel.Trim(), StepPurposes.Of(request.Purpose).Link,
                        DraftSource.Model, null, tones[i], email ? copy.Preheader?.Trim() : null);
            }
            conversation.Add(new ChatMessage(ChatRole.Assistant, reply.Text ?? ""));
            conversation.Add(new ChatMessage(ChatRole.User, DraftPrompt.Correction(
                [.. Enumerable.Range(0, tones.Count).Where(i => accepted[i] is null).Select(i => (i, problems[i]))])));
        }

        return [.. accepted.Select((draft, i) => draft ?? DraftLibrary.Of(request.Purpose, LibraryTone(request, tones, i),
            failure is not null
                ? $"{failure} This one comes from the built-in library."
                : $"The model's draft was not usable after one correction ({string.Join(" ", problems[i])}); this one comes from the built-in library."))];
    }

    private static IReadOnlyList<MessageDraft> Library(DraftRequest request, IReadOnlyList<MessageTone> tones, string reason) =>
        tones.Distinct().Count() == 1
            ? DraftLibrary.Drafts(request with { Tone = tones[0], Variants = tones.Count }, reason)
            : [.. tones.Select(t => DraftLibrary.Of(request.Purpose, t, reason))];

    // A slot the model could not fill: the library's copy in that slot's tone, or the nearest for a custom one.
    private static MessageTone LibraryTone(DraftRequest request, IReadOnlyList<MessageTone> tones, int index) =>
        tones[index] == MessageTone.Custom ? DraftLibrary.NearestTone(request.CustomTone) : tones[index];

    private sealed record DraftCopy(string Title, string Body, string CtaLabel, string? Preheader);

    private static (DraftCopy?[] Copies, string? Problem) Read(string? text, int count)
    {
        var copies = new DraftCopy?[count];
        try
        {
            using var document = JsonDocument.Parse(WithoutFence(text ?? ""));
            if (!document.RootElement.TryGetProperty("drafts", out var drafts) || drafts.ValueKind != JsonValueKind.Array)
                return (copies, "The answer has no 'drafts' list.");
            var items = drafts.EnumerateArray().Take(count).ToList();
            for (var i = 0; i < items.Count; i++)
                if (items[i].ValueKind == JsonValueKind.Object && Text(items[i], "title") is { } title && Text(items[i], "body") is { } body
                    && Text(items[i], "cta_label") is { } label)
                    copies[i] = new DraftCopy(title, body, label, Text(items[i], "preheader"));
            return (copies, "The draft lacks a title, body or cta_label.");
        }
        catch (JsonException e)
        {
            return (copies, $"The answer is not valid JSON ({e.Message}).");
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Some OpenAI-compatible servers wrap JSON in a Markdown fence despite the response format.
    internal static string WithoutFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal)) return trimmed;
        var start = trimmed.IndexOf('\n');
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? trimmed[(start + 1)..end].Trim() : trimmed;
    }
}
