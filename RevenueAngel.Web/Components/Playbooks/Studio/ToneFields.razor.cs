using Microsoft.AspNetCore.Components;
using MudBlazor;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks.Studio;

public sealed partial class ToneFields : IDisposable
{
    private readonly DraftRun _run = new();
    private int _selectVersion;
    private RedraftOutcome? _outcome;

    [Inject] private MessageDrafter Drafter { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    [Parameter, EditorRequired]
    public required PlaybookDraft Draft { get; set; }

    [Parameter]
    public string? Problem { get; set; }

    /// The steps' copy was replaced: the editor shows it again.
    [Parameter]
    public EventCallback Redrafted { get; set; }

    /// The tone changed (a custom one shows its description field, which needs more room).
    [Parameter]
    public EventCallback ToneChanged { get; set; }

    private sealed record RedraftOutcome(DraftSource Source, string? Reason, string Summary);

    // A custom tone needs its description first, so choosing it only shows the field; its button redrafts.
    private async Task ChangeToneAsync(MessageTone tone)
    {
        if (tone == Draft.Tone) return;
        if (tone == MessageTone.Custom || Draft.Steps.Count == 0)
        {
            Draft.Tone = tone;
            await ToneChanged.InvokeAsync();
            return;
        }
        if (!await RedraftAsync(tone))
            _selectVersion++; // The select shows what it was picked; rebuilt, it shows the tone that stayed.
    }

    private Task RedraftInCustomToneAsync() => RedraftAsync(MessageTone.Custom);

    /// Asks, drafts every step in the tone, and only when all drafts are in sets the tone and replaces the copy.
    private async Task<bool> RedraftAsync(MessageTone tone)
    {
        var steps = Draft.Steps.Count;
        var name = DraftLibrary.Name(tone);
        var question = steps == 1 ? $"Redraft the step in the {name} tone?" : $"Redraft all {steps} steps in the {name} tone?";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Change the tone", $"{question} Your current copy will be replaced.",
            yesText: "Redraft", cancelText: "Keep my copy");
        if (confirmed != true) return false;

        var wanted = new PlaybookDraft { Type = Draft.Type, GoalPlanId = Draft.GoalPlanId, Tone = tone, CustomTone = Draft.CustomTone, Steps = Draft.Steps };
        var drafts = await _run.RunAsync(async ct => await Task.WhenAll(Enumerable.Range(0, steps)
            .Select(async i => (await Drafter.DraftAsync(Company, StudioRequests.For(wanted, i), ct))[0])));
        if (drafts is null || Draft.Steps.Count != steps) return false;

        Draft.Tone = tone;
        for (var i = 0; i < steps; i++) DraftSelection.Apply(Draft.Steps[i], [drafts[i]]);
        _outcome = Outcome(drafts, name);
        await ToneChanged.InvokeAsync();
        await Redrafted.InvokeAsync();
        return true;
    }

    private static RedraftOutcome Outcome(IReadOnlyList<MessageDraft> drafts, string tone)
    {
        var fromLibrary = drafts.Where(d => d.Source == DraftSource.Library).ToList();
        var steps = drafts.Count == 1 ? "the step" : $"{drafts.Count} steps";
        if (fromLibrary.Count == 0) return new(DraftSource.Model, null, $"Redrafted {steps} in the {tone} tone with AI.");
        var reason = string.Join(" ", fromLibrary.Select(d => d.Reason).OfType<string>().Distinct());
        return new(DraftSource.Library, reason, $"Redrafted {steps} in the {tone} tone; {fromLibrary.Count} from the library: {reason}");
    }

    public void Dispose() => _run.Dispose();
}
