using Microsoft.AspNetCore.Http;
using RevenueAngel.Web.Endpoints;

namespace RevenueAngel.Tests.Web;

public sealed class CsvStreamResultTests
{
    [Fact]
    public async Task RowsReachTheResponseWhileLaterOnesAreStillBeingRead()
    {
        const int rows = 20_000;
        var body = new MemoryStream();
        var http = new DefaultHttpContext { Response = { Body = body } };
        long writtenBeforeTheLastRow = -1;

        async IAsyncEnumerable<int> ReadRows()
        {
            for (var i = 1; i <= rows; i++)
            {
                if (i == rows) writtenBeforeTheLastRow = body.Length;
                await Task.Yield();
                yield return i;
            }
        }

        await new CsvStreamResult<int>(ReadRows(), "numbers.csv", ["n", "square"], (csv, n) =>
        {
            csv.WriteField(n);
            csv.WriteField((long)n * n);
        }).ExecuteAsync(http);

        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows + 1, lines.Length);
        Assert.Equal(("n,square", "20000,400000000"), (lines[0], lines[^1]));
        // Nearly all of the file was already on its way before the last row was read: nothing waits to be sent at the end.
        Assert.True(writtenBeforeTheLastRow > body.Length * 9 / 10,
            $"only {writtenBeforeTheLastRow} of {body.Length} bytes were written before the last row was read");
        Assert.Equal("attachment; filename=\"numbers.csv\"", http.Response.Headers.ContentDisposition.ToString());
    }
}
