using RevenueAngel.Core.Companies;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks;

public sealed partial class PlaybookEnabledSwitch
{
    [Inject] private PlaybookCatalog Catalog { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private bool _busy;
    // MudSwitch flips itself on click; re-creating it shows the real state again after a refusal.
    private int _resets;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    [Parameter, EditorRequired]
    public required long PlaybookId { get; set; }

    [Parameter, EditorRequired]
    public required string Name { get; set; }

    [Parameter, EditorRequired]
    public required bool Enabled { get; set; }

    [Parameter]
    public EventCallback<bool> EnabledChanged { get; set; }

    [Parameter]
    public string? Label { get; set; }

    // Switching off cancels every scheduled message of the playbook at once; that deserves a second look.
    private async Task ChangeAsync(bool enabled)
    {
        if (!enabled)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync($"Turn off {Name}?",
                "Members in this playbook leave it and their scheduled messages are canceled. You can turn it on again later.",
                yesText: "Turn off", cancelText: "Keep on");
            if (confirmed != true)
            {
                _resets++;
                return;
            }
        }
        _busy = true;
        try
        {
            if (!await Catalog.SetEnabledAsync(Company, PlaybookId, enabled))
            {
                Snackbar.Add("This playbook no longer exists.", Severity.Warning);
                _resets++;
                return;
            }
            Snackbar.Add(enabled ? $"{Name} is on." : $"{Name} is off; its scheduled messages were canceled.", Severity.Success);
            await EnabledChanged.InvokeAsync(enabled);
        }
        finally
        {
            _busy = false;
        }
    }
}
