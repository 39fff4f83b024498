using Microsoft.AspNetCore.Components;
using MudBlazor;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Listing;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Components.Leads;

/// The company's leads: filters, a page of the list at a time (cursor paging over LeadQueries), the detail, the
/// import and export. Every read goes through the verified scope CompanyGuard handed over.
public sealed partial class LeadsView
{
    public const int PageSize = 25;
    private const string Any = "";

    private IReadOnlyList<string> _sources = LeadSources.All;
    private int? _totalLeads;
    private int _matching;
    private LeadPage? _page;
    // The cursor that opened each page seen so far: going back re-reads from its own cursor.
    private readonly List<LeadCursor?> _pageStarts = [null];
    private int _pageIndex;
    private int _version;
    private string? _search;
    private string _source = Any;
    private string _status = Any;
    private string _reachable = Any;
    private DateRange? _captured;

    [Inject]
    private LeadQueries Leads { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    /// The filters the list shows now (the export uses the same).
    public LeadFilter Filter => new(_search, _source == Any ? null : _source,
        _status == Any ? null : StoredEnum<LeadStatus>.Parse(_status),
        _reachable == Any ? null : _reachable == "true",
        _captured?.Start is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from.Date, DateTimeKind.Utc)) : null,
        _captured?.End is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to.Date, DateTimeKind.Utc)).AddDays(1) : null);

    private string ExportUrl
    {
        get
        {
            var query = new Dictionary<string, string?>
            {
                ["companyId"] = Company.Id, ["q"] = _search, ["source"] = _source, ["status"] = _status, ["reachable"] = _reachable,
                ["capturedFrom"] = _captured?.Start?.ToString("yyyy-MM-dd"), ["capturedTo"] = _captured?.End?.ToString("yyyy-MM-dd"),
            };
            return "/api/leads/export?" + string.Join('&', query.Where(p => !string.IsNullOrEmpty(p.Value))
                .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        }
    }

    private string RangeText => _page is null || _page.Items.Count == 0
        ? $"0 of {_matching:N0}"
        : $"{_pageIndex * PageSize + 1:N0}–{_pageIndex * PageSize + _page.Items.Count:N0} of {_matching:N0}";

    protected override async Task OnParametersSetAsync()
    {
        _totalLeads = await Leads.CountAsync(Company, LeadFilter.None);
        _sources = await Leads.SourcesAsync(Company);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var version = ++_version;
        var filter = Filter;
        var matching = await Leads.CountAsync(Company, filter);
        var page = await Leads.ListAsync(Company, filter, null, PageSize);
        // Filters changed quickly one after the other: only the newest answer is shown.
        if (version != _version) return;
        _pageStarts.Clear();
        _pageStarts.Add(null);
        (_pageIndex, _matching, _page) = (0, matching, page);
    }

    private async Task LoadPageAsync()
    {
        var version = ++_version;
        var page = await Leads.ListAsync(Company, Filter, _pageStarts[_pageIndex], PageSize);
        if (version == _version) _page = page;
    }

    private async Task NextAsync()
    {
        if (_page?.NextCursor is not { } next || !LeadCursor.TryDecode(next, out var cursor)) return;
        _pageIndex++;
        if (_pageStarts.Count == _pageIndex) _pageStarts.Add(cursor);
        else _pageStarts[_pageIndex] = cursor;
        await LoadPageAsync();
    }

    private async Task PreviousAsync()
    {
        if (_pageIndex == 0) return;
        _pageIndex--;
        await LoadPageAsync();
    }

    private Task OnSearchAsync(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task OnSourceAsync(string source)
    {
        _source = source ?? Any;
        return ReloadAsync();
    }

    private Task OnStatusAsync(string status)
    {
        _status = status ?? Any;
        return ReloadAsync();
    }

    private Task OnReachableAsync(string reachable)
    {
        _reachable = reachable ?? Any;
        return ReloadAsync();
    }

    private Task OnCapturedAsync(DateRange? range)
    {
        _captured = range is { Start: not null, End: not null } ? range : null;
        return ReloadAsync();
    }

    private async Task OpenAsync(TableRowClickEventArgs<LeadRow> click)
    {
        if (click.Item is not { } lead) return;
        await Dialogs.ShowAsync<LeadDetailDialog>(lead.Name ?? lead.Email ?? "Lead",
            new DialogParameters<LeadDetailDialog> { { d => d.Company, Company }, { d => d.LeadId, lead.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
    }

    private async Task ImportAsync()
    {
        var dialog = await Dialogs.ShowAsync<LeadImportDialog>("Import leads from CSV",
            new DialogParameters<LeadImportDialog> { { d => d.Company, Company } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            _totalLeads = await Leads.CountAsync(Company, LeadFilter.None);
            _sources = await Leads.SourcesAsync(Company);
            await ReloadAsync();
        }
    }
}
