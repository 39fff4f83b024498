using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Demo.ModelFake;

/// A scripted answer: an HTTP status, a body (the chat message's content for a 200), and a delay before it.
public sealed record FakeModelReply(int Status, string Content, TimeSpan Delay = default);

/// An OpenAI-compatible chat completions endpoint for the demo and the tests. Unscripted, it answers what a good model
/// would, built from the library: drafts in the tones asked for, or a playbook for the goal. Tests script replies
/// (invalid JSON, 429, 500, slow) and read every request it received.
public sealed class FakeChatModel
{
    private readonly ConcurrentQueue<FakeModelReply> _script = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();

    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public void Enqueue(params FakeModelReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public void Reset()
    {
        _script.Clear();
        _requests.Clear();
    }

    public async Task<IResult> CompleteAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject ?? [];
        body["authorization"] = request.Headers.Authorization.ToString();
        _requests.Enqueue(body);
        var reply = _script.TryDequeue(out var scripted) ? scripted : new FakeModelReply(200, Answer(body));
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, ct);
        if (reply.Status != 200) return Results.Json(new { error = new { message = reply.Content, type = "fake_error" } }, statusCode: reply.Status);
        return Results.Json(new
        {
            id = $"chatcmpl-{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = body["model"]?.GetValue<string>() ?? "fake",
            choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = reply.Content } } },
            usage = new { prompt_tokens = 100, completion_tokens = 100, total_tokens = 200 },
        });
    }

    private static string Answer(JsonObject body)
    {
        var schema = body["response_format"]?["json_schema"]?["name"]?.GetValue<string>();
        var prompt = body["messages"]?.AsArray().Where(m => m?["role"]?.GetValue<string>() == "user")
            .Select(m => m!["content"]?.GetValue<string>() ?? "").FirstOrDefault() ?? "";
        return schema == "playbook_proposal" ? Playbook(prompt) : Drafts(prompt);
    }

    private static string Drafts(string prompt)
    {
        var lines = prompt.Split('\n');
        var purpose = Enum.GetValues<StepPurpose>().First(p => lines.Any(l => l.StartsWith($"Step: {StepPurposes.Name(p)}.", StringComparison.Ordinal)));
        var tones = lines.Where(l => l.Contains(". Tone: ", StringComparison.Ordinal))
            .Select(l => Enum.GetValues<MessageTone>().FirstOrDefault(t => l.Contains($"Tone: {DraftLibrary.Name(t)}", StringComparison.Ordinal)))
            .ToList();
        var email = lines.Any(l => l.StartsWith("Channel: email", StringComparison.Ordinal));
        // Repeated tones get the library's other tones' wording, so variants differ as a model's would.
        var drafts = tones.Select((tone, i) =>
        {
            var wording = tones.Take(i).Contains(tone) ? DraftLibrary.Tones[(DraftLibrary.Tones.ToList().IndexOf(tone) + i) % 4] : tone;
            var copy = DraftLibrary.Copy(purpose, wording);
            var draft = new JsonObject { ["title"] = copy.Title, ["body"] = copy.Body, ["cta_label"] = copy.CtaLabel };
            if (email) draft["preheader"] = PreviewLine(copy.Body);
            return draft;
        });
        return JsonSerializer.Serialize(new { drafts });
    }

    // An email's preview line as a model writes it: the body's opening, cut at a word within the preheader's limit.
    private static string PreviewLine(string body)
    {
        var line = body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        if (line.Length <= 90) return line;
        var cut = line.LastIndexOf(' ', 89);
        line = line[..(cut > 0 ? cut : 89)];
        // Never half a variable.
        if (line.LastIndexOf("{{", StringComparison.Ordinal) > line.LastIndexOf("}}", StringComparison.Ordinal))
            line = line[..line.LastIndexOf("{{", StringComparison.Ordinal)].TrimEnd();
        return line + "…";
    }

    private static string Playbook(string prompt)
    {
        var goal = prompt.Split('\n').LastOrDefault(l => l.StartsWith("The creator's goal: ", StringComparison.Ordinal))?["The creator's goal: ".Length..] ?? "";
        var draft = BlueprintDrafts.Of(BlueprintDrafts.Nearest(goal), MessageTone.Friendly);
        return JsonSerializer.Serialize(new
        {
            name = goal.Length is > 0 and <= 60 ? goal : draft.Name,
            module = draft.Type == Core.Playbooks.PlaybookType.Upsell ? "tierlift" : StoredEnum<Core.Playbooks.PlaybookType>.ToText(draft.Type),
            trigger = StoredEnum<Core.Playbooks.PlaybookTrigger>.ToText(draft.Trigger),
            goal = StoredEnum<Core.Playbooks.PlaybookGoal>.ToText(draft.Goal),
            goal_plan_id = "",
            target_rules_json = draft.TargetRules,
            steps = draft.Steps.Select(s => new
            {
                delay_minutes = s.DelayMinutes, channel = StoredEnum<MessageChannel>.ToText(s.Channel), purpose = StoredEnum<StepPurpose>.ToText(s.Purpose!.Value),
                title = s.Title, body = s.Body, cta_label = s.CtaLabel,
            }),
        });
    }
}
