using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Webhooks;

/// The receiver's one-statement insert on the embedded SQLite database: the model's conversions (UTC ticks, stored
/// enums) apply, and a redelivery stores nothing.
public sealed class WebhookInsertSqliteTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteADeliveryIsStoredOnceWithItsTimesAndStatusReadableThroughTheModel()
    {
        var folder = Directory.CreateTempSubdirectory("ra-webhook-sqlite-");
        try
        {
            var settings = TestSettings.Production(null);
            settings["Database:SqlitePath"] = Path.Combine(folder.FullName, "app.db");
            settings["Webhooks:ProcessOnReceipt"] = "false";
            await using (var app = new RevenueAngelApp(settings))
            {
                var client = app.CreateClient();
                var id = $"msg_{Guid.NewGuid():N}";
                var occurred = new DateTimeOffset(2026, 11, 26, 11, 59, 0, TimeSpan.Zero);
                var body = WhopEvents.Envelope("payment.created", "biz_sqlite", occurred, new { id = "pay_sqlite", status = "open" });
                var before = DateTimeOffset.UtcNow;

                var first = await DeliverAsync(client, id, body);
                var again = await DeliverAsync(client, id, body);

                Assert.Equal((HttpStatusCode.OK, false), (first.StatusCode, await DuplicateAsync(first)));
                Assert.Equal((HttpStatusCode.OK, true), (again.StatusCode, await DuplicateAsync(again)));
                await using var db = app.CreateDbContext();
                var row = await db.WebhookEvents.SingleAsync(e => e.WebhookId == id, Ct);
                Assert.Equal((WebhookEventStatus.Received, "payment.created", "biz_sqlite", occurred), (row.Status, row.EventType, row.CompanyId, row.OccurredAt));
                Assert.InRange(row.ReceivedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
                Assert.Equal(row.ReceivedAt, row.NextAttemptAt);
                // A parameter, as the processor's own claim passes it: SQLite stores instants as ticks through a converter.
                var due = DateTimeOffset.UtcNow.AddSeconds(1);
                Assert.Equal(1, await db.WebhookEvents.CountAsync(e => e.Status == WebhookEventStatus.Received && e.NextAttemptAt <= due, Ct));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<bool> DuplicateAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("duplicate").GetBoolean();
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string id, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookAppFixture.SignWithSecret(id, ts, body, "ws_test_secret"));
        return await client.SendAsync(request, Ct);
    }
}
