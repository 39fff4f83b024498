using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Leads.Import;

/// Imports a CSV of leads for one company: streams the file (never more than one batch of rows in memory besides
/// the emails already seen), sets bad rows aside with their line and reason, and upserts the good ones in batches
/// of set-based statements inside one transaction, so a fatal error (a file over the limits, broken CSV, a
/// cancelled upload) leaves nothing written. Once committed, the company's Nurture playbooks enrol the new leads
/// as the minute job would, one set-based statement each.
public sealed partial class LeadImporter(IDbContextFactory<RevenueAngelDbContext> contexts, SegmentEnroller enroller, TimeProvider time,
    ILogger<LeadImporter> logger)
{
    private static readonly CsvReaderOptions BaseOptions = new()
    {
        HasHeader = true,
        TrackLineNumbers = true,
        // One bad quote spoils its own line only, not the rest of the file: lead lists have no multi-line fields.
        AllowLineBreaksInQuotes = false,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        MaxRecordSize = LeadImportLimits.MaxRecordBytes,
    };

    /// The header of a CSV and the mapping detected from it, for the mapping step of the import dialog.
    public static async Task<(IReadOnlyList<string> Headers, LeadImportMapping Detected)> ReadHeaderAsync(Stream csv, CancellationToken ct = default)
    {
        await using var reader = CsvReader.Create(new SizeLimitedStream(csv, LeadImportLimits.MaxBytes), BaseOptions, leaveOpen: true);
        var headers = await HeadersAsync(reader, ct);
        return (headers, LeadImportMapping.Detect(headers));
    }

    public async Task<LeadImportReport> ImportAsync(CompanyScope company, Stream csv, LeadImportMapping? mapping = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var bad = new BadRows();
        var malformed = 0;
        var options = BaseOptions with
        {
            OnMalformedRecord = r =>
            {
                malformed++;
                bad.Add(r.LineNumber, Malformed(r.Reason));
            },
        };
        var input = new SizeLimitedStream(csv, LeadImportLimits.MaxBytes);
        await using var reader = CsvReader.Create(input, options, leaveOpen: true);
        var headers = await HeadersAsync(reader, ct);
        var resolved = (mapping ?? LeadImportMapping.Auto).ResolveAgainst(headers);
        var parser = new LeadRowParser(headers, resolved);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var upsert = db.Dialect.LeadUpsert;
        var now = time.GetUtcNow();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<ImportedLead>(LeadImportLimits.BatchSize);
        int rows = 0, created = 0, updated = 0, written = 0;
        progress?.Report(new ImportProgress(0, 0, 0, 0));

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                while (await reader.ReadAsync(ct))
                {
                    if (++rows + malformed > LeadImportLimits.MaxRows)
                        throw new LeadImportTooLargeException($"The file has more than {LeadImportLimits.MaxRows:N0} rows.");
                    var line = reader.LineNumber;
                    var (lead, problem) = parser.Parse(i => i < reader.FieldCount ? reader.GetString(i) : "");
                    if (lead is null)
                    {
                        bad.Add(line, problem!);
                        continue;
                    }
                    if (!seen.TryAdd(lead.Email, line))
                    {
                        bad.Add(line, $"duplicate of line {seen[lead.Email]}: the first one was imported");
                        continue;
                    }
                    batch.Add(lead);
                    if (batch.Count == LeadImportLimits.BatchSize) await FlushAsync();
                }
                await FlushAsync();
                await transaction.CommitAsync(ct);
            }
            catch (CsvFormatException e)
            {
                throw new LeadImportException(e.LineNumber > 0
                    ? $"The file cannot be read as CSV from line {e.LineNumber}: a quote that never closes, or not a CSV file. Nothing was imported."
                    : "The file cannot be read as CSV. Nothing was imported.", e);
            }
        }

        rows += malformed;
        LogImported(company.Id, rows, created, updated, bad.Count);
        if (created > 0) await EnrolInNurtureAsync(company, ct);
        return new LeadImportReport(rows, created, updated, written - created - updated, bad.Count, bad.Reported, resolved);

        async Task FlushAsync()
        {
            if (batch.Count > 0)
            {
                var counts = await upsert.UpsertAsync(db, company.Id, batch, now, ct);
                (created, updated, written) = (created + counts.Created, updated + counts.Updated, written + batch.Count);
                batch.Clear();
            }
            progress?.Report(new ImportProgress(rows + malformed, written, bad.Count, input.Position));
        }
    }

    /// New leads enter the company's Nurture playbooks now rather than at the scheduler's next minute.
    /// The import is committed by now: a failure here is logged, not thrown, and the minute job enrols them instead.
    private async Task EnrolInNurtureAsync(CompanyScope company, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var nurture = await db.Playbooks.AsNoTracking()
                .Where(p => p.CompanyId == company.Id && p.Type == PlaybookType.Nurture && p.Enabled && p.DeletedAt == null && p.Trigger == PlaybookTrigger.SegmentEntry)
                .Select(p => p.Id).ToListAsync(ct);
            foreach (var playbookId in nurture) await enroller.EnrollAsync(playbookId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnrolmentDeferred(e, company.Id);
        }
    }

    private static async Task<IReadOnlyList<string>> HeadersAsync(CsvReader reader, CancellationToken ct)
    {
        try
        {
            await reader.ReadHeaderAsync(ct);
            var headers = reader.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace)) throw new LeadImportException("The file is empty: the first line must name the columns.");
            return headers;
        }
        catch (CsvFormatException e)
        {
            throw new LeadImportException("The first line of the file cannot be read as CSV column names.", e);
        }
    }

    private static string Malformed(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "malformed CSV line: it has a different number of columns than the header (an unquoted comma?)",
        CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes => "malformed CSV line: a quote opens and never closes",
        _ => "malformed CSV line: a stray quote (quote the whole field and double quotes inside it)",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported leads for {CompanyId}: {Rows} rows, {Created} created, {Updated} updated, {Bad} bad")]
    private partial void LogImported(string companyId, int rows, int created, int updated, int bad);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported leads of {CompanyId} could not enter Nurture now; the scheduler enrols them on its next run")]
    private partial void LogEnrolmentDeferred(Exception e, string companyId);

    private sealed class BadRows
    {
        private readonly List<BadLeadRow> _reported = [];
        public int Count { get; private set; }
        public IReadOnlyList<BadLeadRow> Reported => [.. _reported.OrderBy(r => r.Line)];

        public void Add(long line, string reason)
        {
            Count++;
            if (_reported.Count < LeadImportLimits.ReportedBadRows) _reported.Add(new BadLeadRow(line, reason));
        }
    }
}
