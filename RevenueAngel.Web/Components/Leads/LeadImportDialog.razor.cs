using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Web.Components.Leads;

/// Choose a file, check the detected columns, watch the import, read the report. The file is read twice from the
/// browser (its header first, then the whole of it), so nothing of it is kept in the circuit.
public sealed partial class LeadImportDialog : IDisposable
{
    private const string NotImported = "";
    private const string EmailField = "email";

    private static readonly (string Key, string Label)[] Fields =
        [(EmailField, "Email"), ("name", "Name"), ("utm_source", "UTM source"), ("consent", "Email consent (yes/no)"), ("consent_text", "Consent text")];

    private enum Step { ChooseFile, Map, Importing, Done }

    private Step _step = Step.ChooseFile;
    private IBrowserFile? _file;
    private IReadOnlyList<string> _headers = [];
    private readonly Dictionary<string, string> _choices = Fields.ToDictionary(f => f.Key, _ => NotImported);
    private ImportProgress? _progress;
    private LeadImportReport? _report;
    private string? _problem;
    private CancellationTokenSource? _cancel;

    [Inject]
    private LeadImporter Importer { get; set; } = null!;

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter, EditorRequired]
    public required CompanyScope Company { get; set; }

    private async Task ChooseAsync(IBrowserFile? file)
    {
        _problem = null;
        if (file is null) return;
        if (file.Size > LeadImportLimits.MaxBytes)
        {
            _problem = $"{file.Name} is {Size(file.Size)}; the limit is {Size(LeadImportLimits.MaxBytes)}. Split the file and import the parts.";
            return;
        }
        try
        {
            await using var stream = file.OpenReadStream(LeadImportLimits.MaxBytes);
            var (headers, detected) = await LeadImporter.ReadHeaderAsync(stream);
            (_file, _headers) = (file, headers);
            _choices[EmailField] = detected.Email ?? NotImported;
            _choices["name"] = detected.Name ?? NotImported;
            _choices["utm_source"] = detected.UtmSource ?? NotImported;
            _choices["consent"] = detected.Consent ?? NotImported;
            _choices["consent_text"] = detected.ConsentText ?? NotImported;
            _step = Step.Map;
            if (detected.Email is null) _problem = "No column looks like email addresses: choose the one that holds them.";
        }
        catch (LeadImportException e)
        {
            _problem = e.Message;
        }
    }

    private async Task ImportAsync()
    {
        _problem = null;
        _step = Step.Importing;
        _progress = new ImportProgress(0, 0, 0, 0);
        _cancel = new CancellationTokenSource();
        var mapping = new LeadImportMapping(_choices[EmailField], _choices["name"], _choices["utm_source"], _choices["consent"], _choices["consent_text"]);
        var progress = new Progress<ImportProgress>(p => InvokeAsync(() =>
        {
            // Reports are posted; one may land after the report is shown.
            if (_step != Step.Importing) return;
            _progress = p;
            StateHasChanged();
        }));
        try
        {
            // The upload goes to a temporary file first: the import's transaction (SQLite's one writer) must not stay
            // open for as long as a slow connection takes to send the file.
            await using var upload = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (var browser = _file!.OpenReadStream(LeadImportLimits.MaxBytes, _cancel.Token))
                await browser.CopyToAsync(upload, _cancel.Token);
            upload.Position = 0;
            _report = await Importer.ImportAsync(Company, upload, mapping, progress, _cancel.Token);
            _step = Step.Done;
        }
        catch (LeadImportException e)
        {
            (_problem, _step) = (e.Message, Step.Map);
        }
        catch (OperationCanceledException)
        {
            (_problem, _step) = ("Stopped: nothing was imported.", Step.Map);
        }
    }

    private static string ColumnText(string? column) => string.IsNullOrEmpty(column) ? "Not imported" : column;

    private void CancelImport() => _cancel?.Cancel();

    private void Restart() => (_step, _file, _problem) = (Step.ChooseFile, null, null);

    private static string Size(long bytes) => bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes / (1024.0 * 1024):0.#} MB";

    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }
}
