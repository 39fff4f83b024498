using Microsoft.AspNetCore.Components;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks.Studio;

public sealed partial class StepDraftsPanel : IDisposable
{
    private const int Variants = 3;
    private readonly DraftRun _run = new();
    private readonly List<int> _selected = [];
    private IReadOnlyList<MessageDraft>? _drafts;

    [Inject] private MessageDrafter Drafter { get; set; } = null!;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    [Parameter, EditorRequired]
    public required PlaybookDraft Draft { get; set; }

    [Parameter, EditorRequired]
    public required int StepIndex { get; set; }

    /// The step's copy or variants were replaced: the step's editors show them again.
    [Parameter]
    public EventCallback Applied { get; set; }

    private Task DraftVariantsAsync() => ShowAsync(ct => Drafter.DraftAsync(Company, StudioRequests.For(Draft, StepIndex, Variants), ct));

    private Task TestTonesAsync() => ShowAsync(ct => Drafter.DraftToneTestAsync(Company, StudioRequests.For(Draft, StepIndex), ct));

    private async Task ShowAsync(Func<CancellationToken, Task<IReadOnlyList<MessageDraft>>> draft)
    {
        // Canceled: what was shown before stays.
        if (await _run.RunAsync(draft) is not { } drafts) return;
        _drafts = drafts;
        _selected.Clear();
    }

    private void Toggle(int index, bool on)
    {
        if (!on) _selected.Remove(index);
        else if (!_selected.Contains(index) && _selected.Count < DraftSelection.MaxChosen) _selected.Add(index);
    }

    // In the order shown, so "Draft 1" stays A whichever was ticked first.
    private async Task UseSelectedAsync()
    {
        DraftSelection.Apply(Draft.Steps[StepIndex], [.. _selected.Order().Select(i => _drafts![i])]);
        Discard();
        await Applied.InvokeAsync();
    }

    private void Discard()
    {
        _drafts = null;
        _selected.Clear();
    }

    public void Dispose() => _run.Dispose();
}
