using RevenueAngel.Core.Companies;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Studio;

namespace RevenueAngel.Web.Components.Playbooks;

public sealed partial class PlaybookList : IDisposable
{
    private readonly PeriodicRefresh _refresh = new();
    private IReadOnlyList<PlaybookSummary>? _rows;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    [Parameter]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(5);

    protected override Task OnParametersSetAsync() => ReloadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        _refresh.Start(RefreshEvery, async ct =>
        {
            _rows = await Catalog.ListAsync(Company.Id, ct);
            await InvokeAsync(StateHasChanged);
        }, DispatchExceptionAsync);
    }

    private async Task ReloadAsync() => _rows = await Catalog.ListAsync(Company.Id);

    private async Task NewAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewPlaybookDialog>("New playbook", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: NewPlaybookChoice choice }) return;
        if (choice.LibraryKey is not { } key)
        {
            Navigation.NavigateTo(PlaybookRoutes.New(Company.Id));
            return;
        }
        if (await Editor.CreateFromLibraryAsync(Company, key, choice.Tone) is { } id)
        {
            Snackbar.Add("Playbook added, switched off. Review it, then turn it on.", Severity.Success);
            Navigation.NavigateTo(PlaybookRoutes.Edit(Company.Id, id));
        }
        else Snackbar.Add("That library playbook is not available in this tone.", Severity.Warning);
    }

    private async Task NewFromGoalAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewFromGoalDialog>("New playbook from a goal",
            new DialogParameters<NewFromGoalDialog> { { d => d.Company, Company } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: GoalPlaybook playbook }) return;
        if (playbook.Source == DraftSource.Model) Snackbar.Add("Playbook proposed by AI and saved switched off. Review it, then turn it on.", Severity.Success);
        else Snackbar.Add($"From the built-in library: {playbook.Reason} Saved switched off; review it, then turn it on.", Severity.Info);
        Navigation.NavigateTo(PlaybookRoutes.Edit(Company.Id, playbook.Id));
    }

    private async Task CloneAsync(PlaybookSummary playbook)
    {
        var result = await Editor.CloneAsync(Company, playbook.Id);
        Snackbar.Add(result.Saved ? $"Copied {playbook.Name}; the copy is switched off." : $"Could not copy {playbook.Name}.",
            result.Saved ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task DeleteAsync(PlaybookSummary playbook)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {playbook.Name}?",
            "It stops at once: its members leave and scheduled messages are canceled. What it already sent stays in your reports.",
            yesText: "Delete", cancelText: "Keep");
        if (confirmed != true) return;
        if (await Editor.DeleteAsync(Company, playbook.Id)) Snackbar.Add($"Deleted {playbook.Name}.", Severity.Success);
        await ReloadAsync();
    }

    public void Dispose() => _refresh.Dispose();
}
