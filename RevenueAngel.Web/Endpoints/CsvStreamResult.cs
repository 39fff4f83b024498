using CsvHelper;

namespace RevenueAngel.Web.Endpoints;

/// Writes rows to the response as they are read, so an export of a million sends never sits in memory.
public sealed class CsvStreamResult<T>(IAsyncEnumerable<T> rows, string fileName, string[] header, Action<CsvWriter, T> writeFields) : IResult
{
    // Member names come from Whop: a leading '=' must not become a spreadsheet formula.
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
        var ct = http.RequestAborted;
        await using var csv = CsvWriter.Create(http.Response.Body, Options, leaveOpen: true);
        csv.WriteHeader(header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            writeFields(csv, row);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
