using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Core.Drafting;

/// The built-in answer: hand-written copy for every purpose in the four tones (LibraryCopy).
public static class DraftLibrary
{
    public static readonly IReadOnlyList<MessageTone> Tones = PlaybookLibrary.Tones;

    public static StepCopy Copy(StepPurpose purpose, MessageTone tone) => LibraryCopy.ByPurpose[purpose][tone == MessageTone.Custom ? MessageTone.Friendly : tone];

    /// Drafts for the request from the library: its tone first, then the other tones for further variants (the library
    /// has one message per purpose and tone).
    public static IReadOnlyList<MessageDraft> Drafts(DraftRequest request, string reason)
    {
        var tone = request.Tone == MessageTone.Custom ? NearestTone(request.CustomTone) : request.Tone;
        if (request.Tone == MessageTone.Custom)
            reason += $" The custom tone is not available without a model, so this is the nearest built-in tone ({Name(tone)}).";
        var tones = new[] { tone }.Concat(Tones.Where(t => t != tone)).Take(Math.Clamp(request.Variants, 1, Tones.Count));
        return [.. tones.Select(t => Of(request.Purpose, t, reason))];
    }

    public static MessageDraft Of(StepPurpose purpose, MessageTone tone, string reason)
    {
        var copy = Copy(purpose, tone);
        return new MessageDraft(copy.Title, copy.Body, copy.CtaLabel, copy.CtaUrl, DraftSource.Library, reason, tone);
    }

    private static readonly (MessageTone Tone, string[] Words)[] ToneWords =
    [
        (MessageTone.Minimal, ["short", "brief", "concise", "minimal", "terse", "direct", "plain", "simple", "no emoji", "to the point"]),
        (MessageTone.Hype, ["hype", "energetic", "energy", "excited", "exciting", "bold", "loud", "fun", "emoji", "urgent", "punchy", "hustle"]),
        (MessageTone.Expert, ["expert", "professional", "formal", "authoritative", "data", "precise", "serious", "technical", "analytical", "coach"]),
        (MessageTone.Friendly, ["friendly", "warm", "kind", "casual", "personal", "supportive", "gentle", "caring", "chatty"]),
    ];

    /// The built-in tone whose words a custom description uses most; friendly when it names none.
    public static MessageTone NearestTone(string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return MessageTone.Friendly;
        var text = description.ToLowerInvariant();
        var best = ToneWords.Select(t => (t.Tone, Hits: t.Words.Count(w => text.Contains(w, StringComparison.Ordinal))))
            .OrderByDescending(t => t.Hits).First();
        return best.Hits > 0 ? best.Tone : MessageTone.Friendly;
    }

    public static string Name(MessageTone tone) => tone switch
    {
        MessageTone.Friendly => "friendly",
        MessageTone.Expert => "expert",
        MessageTone.Hype => "hype",
        MessageTone.Minimal => "minimal",
        _ => "custom",
    };
}
