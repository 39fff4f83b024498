using RevenueAngel.Core.Companies;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Billing;

namespace RevenueAngel.Web.Components.Analytics;

public sealed partial class AnalyticsView
{
    private PeriodChoice _period = PeriodChoice.Default;
    private AnalyticsOverview? _overview;
    private PlaybookReport? _report;
    private long? _selectedId;

    [Inject]
    private AnalyticsQueries Analytics { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    /// Only ever rendered inside a CompanyGuard that allowed this company.
    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task OnPeriodChangedAsync(PeriodChoice period)
    {
        _period = period;
        await LoadAsync();
    }

    private async Task SelectPlaybookAsync(long playbookId)
    {
        _selectedId = playbookId;
        _report = await Analytics.GetPlaybookAsync(Company.Id, playbookId, _overview!.Window);
    }

    private async Task LoadAsync()
    {
        var window = _period.Window(Time.GetUtcNow());
        _overview = await Analytics.GetOverviewAsync(Company.Id, window);
        // Keep the chosen playbook across periods; otherwise show the one that earned most.
        _selectedId = _overview?.Playbooks.Any(p => p.PlaybookId == _selectedId) == true ? _selectedId : _overview?.Playbooks.FirstOrDefault()?.PlaybookId;
        _report = _selectedId is { } id ? await Analytics.GetPlaybookAsync(Company.Id, id, window) : null;
    }

    private string WindowText => _overview is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"{_overview.Window.From.UtcDateTime:d MMM yyyy} – {_overview.Window.To.UtcDateTime.AddTicks(-1):d MMM yyyy} (UTC), compared with the {_overview.Window.Days} days before");

    private string Cents(long cents) => new Money(cents, _overview!.Currency).ToString();

    private static string Rate(double? rate) => Percent.Of(rate);

    private string ExportUrl(string what) => $"/api/analytics/export/{what}.csv?companyId={Uri.EscapeDataString(Company.Id)}&{_period.Query}";
}
