using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks.Studio;

/// Puts chosen drafts into a step: the first becomes its own message (A); more make an A/B test with an even split.
public static class DraftSelection
{
    public const int MaxChosen = StepVariantDraft.MaxPerStep + 1;

    public static void Apply(StepDraft step, IReadOnlyList<MessageDraft> chosen)
    {
        if (chosen.Count is 0 or > MaxChosen) throw new ArgumentOutOfRangeException(nameof(chosen), chosen.Count, $"Choose 1 to {MaxChosen} drafts.");
        var first = chosen[0];
        (step.Title, step.Body, step.CtaLabel, step.CtaUrl) = (first.Title, first.Body, first.CtaLabel, first.CtaUrl);
        // The library writes no preheader: an email step keeps the one it has rather than losing it.
        if (first.Preheader is not null) step.Preheader = first.Preheader;
        if (chosen.Count == 1) return;
        // A new test: earlier variants measured other copy, so they are replaced rather than mixed in.
        var shares = Split(chosen.Count);
        step.Percent = shares[0];
        step.Variants = [.. chosen.Skip(1).Select((d, i) => new StepVariantDraft
        {
            Percent = shares[i + 1], Title = d.Title, Body = d.Body, CtaLabel = d.CtaLabel, CtaUrl = d.CtaUrl, Preheader = d.Preheader ?? step.Preheader,
        })];
    }

    /// 100 split as evenly as whole percents allow, the first ones taking the remainder: 34/33/33, 25×4.
    public static int[] Split(int count) => [.. Enumerable.Range(0, count).Select(i => 100 / count + (i < 100 % count ? 1 : 0))];

    /// What "Use selected" will do, in words.
    public static string Describe(int count) => count switch
    {
        0 => "Select one draft to replace this step's message, or several to A/B test them.",
        1 => "Replaces this step's message; its A/B variants stay as they are.",
        _ => $"A/B test: {string.Join(" · ", Split(count).Select((p, i) => $"{(char)('A' + i)} {p}%"))}. Replaces this step's message and variants.",
    };
}
