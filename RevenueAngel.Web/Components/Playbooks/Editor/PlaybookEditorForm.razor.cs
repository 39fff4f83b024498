using RevenueAngel.Core.Companies;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks.Editor;

public sealed partial class PlaybookEditorForm
{
    private PlaybookDraft? _draft;
    private string _savedName = "";
    private bool _enabled;
    private bool _notFound;
    private bool _saving;
    private EditorProblems _problems = EditorProblems.None;
    private IReadOnlyList<PlanOption> _plans = [];
    private (string, long?)? _loadedFor;
    private string? _savedSnapshot;

    [Inject] private PlaybookEditor Editor { get; set; } = null!;
    [Inject] private PlaybookCatalog Catalog { get; set; } = null!;
    [Inject] private CompanyPlans CompanyPlans { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    /// Null for a new playbook.
    [Parameter]
    public long? PlaybookId { get; set; }

    private bool IsNew => PlaybookId is null;

    // Creating navigates from /new to /{id}: the same component, so a change of id means load again.
    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (Company.Id, PlaybookId)) return;
        _loadedFor = (Company.Id, PlaybookId);
        (_draft, _notFound, _problems) = (null, false, EditorProblems.None);
        _plans = await CompanyPlans.ListAsync(Company.Id);
        if (PlaybookId is not { } id)
        {
            _draft = new PlaybookDraft { Steps = [new StepDraft()] };
            _savedSnapshot = Snapshot(_draft);
            return;
        }
        await LoadAsync(id);
    }

    private async Task LoadAsync(long id)
    {
        var draft = await Editor.DraftOfAsync(Company.Id, id);
        var detail = await Catalog.GetAsync(Company.Id, id);
        if (draft is null || detail is null)
        {
            _notFound = true;
            return;
        }
        (_draft, _savedName, _enabled) = (draft, detail.Name, detail.Enabled);
        _savedSnapshot = Snapshot(draft);
    }

    private void ChangeType(PlaybookType type)
    {
        var draft = _draft!;
        var subjectBefore = draft.Subject;
        draft.Type = type;
        if (!PlaybookValidator.AllowedTriggers(type).Contains(draft.Trigger)) draft.Trigger = PlaybookValidator.AllowedTriggers(type)[0];
        if (!PlaybookValidator.AllowedGoals(type, draft.Trigger).Contains(draft.Goal)) draft.Goal = PlaybookValidator.AllowedGoals(type, draft.Trigger)[0];
        // A purpose belongs to one module; the step shows (and drafts for) the new module's default instead.
        foreach (var step in draft.Steps.Where(s => s.Purpose is { } p && !StepPurposes.Fits(p, type))) step.Purpose = null;
        // Member rules mean nothing for leads (and back): start the rules over rather than save ones that cannot match.
        if (draft.Subject != subjectBefore) (draft.TargetRules, draft.ExitRules) = ("{}", "{}");
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = PlaybookId is { } id ? await Editor.UpdateAsync(Company, id, _draft!) : await Editor.CreateAsync(Company, _draft!);
            if (result == PlaybookSaveResult.NotFound)
            {
                _notFound = true;
                return;
            }
            _problems = new EditorProblems(result.Problems);
            if (!result.Saved)
            {
                Snackbar.Add("Not saved: see the problems marked in red.", Severity.Error);
                return;
            }
            Snackbar.Add(IsNew ? "Playbook created. Turn it on when you are ready." : "Playbook saved.", Severity.Success);
            _savedSnapshot = Snapshot(_draft!);
            if (IsNew) Navigation.NavigateTo(PlaybookRoutes.Edit(Company.Id, result.Id!.Value));
            // New steps got ids on save; editing the old draft again would add them twice.
            else await LoadAsync(result.Id!.Value);
        }
        finally
        {
            _saving = false;
        }
    }

    // The draft is edited in place; comparing its JSON with the last loaded or saved one tells whether anything changed.
    private static string Snapshot(PlaybookDraft draft) => JsonSerializer.Serialize(draft);

    private async Task ConfirmLeavingAsync(LocationChangingContext context)
    {
        if (_draft is null || Snapshot(_draft) == _savedSnapshot) return;
        var leave = await Dialogs.ShowMessageBoxAsync("Leave without saving?", "Your changes to this playbook are not saved yet.",
            yesText: "Leave", cancelText: "Stay");
        if (leave != true) context.PreventNavigation();
    }
}
