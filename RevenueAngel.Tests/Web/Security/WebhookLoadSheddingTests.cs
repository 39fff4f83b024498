using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Web.Security;

/// Past its concurrency bound and queue the webhook receiver sheds with 503 and Retry-After (Whop redelivers), never a
/// 500, and every delivery it answered 200 is stored. The bounds are validated at start-up.
public sealed class WebhookLoadSheddingTests(PostgresServer postgres)
{
    private const string Secret = "ws_test_secret";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileTheOnlySlotIsBusyDeliveriesAre503WithRetryAfterAndWhatWasAnswered200IsStored()
    {
        var connectionString = await postgres.CreateDatabaseAsync("shedding");
        var settings = TestSettings.Production(connectionString);
        settings["RateLimits:WebhookConcurrency"] = "1";
        settings["RateLimits:WebhookQueue"] = "0";
        settings["RateLimits:WebhookRetryAfterSeconds"] = "7";
        settings["Webhooks:ProcessOnReceipt"] = "false";
        await using var app = new RevenueAngelApp(settings);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, $"msg_{Guid.NewGuid():N}")).StatusCode);

        // The one slot is held by a delivery whose insert waits on a row lock the test holds: the same webhook id,
        // inserted in a transaction not yet ended.
        var held = $"msg_held_{Guid.NewGuid():N}";
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync(Ct);
        var transaction = await blocker.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO webhook_events (webhook_id, event_type, payload, status, attempts, received_at) VALUES (@id, 'x', '{}', 'ignored', 0, now())
            """, blocker, transaction))
        {
            insert.Parameters.AddWithValue("id", held);
            await insert.ExecuteNonQueryAsync(Ct);
        }
        var holding = DeliverAsync(client, held);
        await WaitUntilAnInsertWaitsOnALockAsync(connectionString);

        var others = Enumerable.Range(0, 8).Select(_ => $"msg_{Guid.NewGuid():N}").ToList();
        var shed = await Task.WhenAll(others.Select(id => DeliverAsync(client, id)));
        await transaction.RollbackAsync(Ct);
        var heldResponse = await holding;
        var after = await DeliverAsync(client, $"msg_after_{Guid.NewGuid():N}");

        Assert.All(shed, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        });
        Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.WebhookEvents.CountAsync(e => e.WebhookId == held, Ct));
        Assert.Equal(0, await db.WebhookEvents.CountAsync(e => others.Contains(e.WebhookId), Ct));
    }

    [Fact]
    public async Task ManyConcurrentDeliveriesAreEach200Or503AndEvery200IsStoredOnce()
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("shedding"));
        settings["RateLimits:WebhookConcurrency"] = "2";
        settings["RateLimits:WebhookQueue"] = "1";
        settings["Webhooks:ProcessOnReceipt"] = "false";
        await using var app = new RevenueAngelApp(settings);
        var client = app.CreateClient();
        var ids = Enumerable.Range(0, 64).Select(_ => $"msg_{Guid.NewGuid():N}").ToList();

        var responses = await Task.WhenAll(ids.Select(async id => (id, (await DeliverAsync(client, id)).StatusCode)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.id).ToList();
        Assert.NotEmpty(accepted);
        await using var db = app.CreateDbContext();
        var stored = await db.WebhookEvents.Where(e => ids.Contains(e.WebhookId)).Select(e => e.WebhookId).ToListAsync(Ct);
        Assert.Equal(accepted.Order(), stored.Order());
    }

    [Theory]
    [InlineData("WebhookConcurrency", "0")]
    [InlineData("WebhookQueue", "-1")]
    public async Task AnUnusableBoundStopsStartupAndNamesIt(string key, string value)
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("shedding"));
        settings[$"RateLimits:{key}"] = value;
        await using var app = new RevenueAngelApp(settings) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(key, failure);
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string id)
    {
        var body = WhopEvents.Envelope("payment.created", "biz_load", DateTimeOffset.UtcNow, new { id = $"pay_{Guid.NewGuid():N}"[..18], status = "open" });
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookAppFixture.SignWithSecret(id, ts, body, Secret));
        return await client.SendAsync(request, Ct);
    }

    private static async Task WaitUntilAnInsertWaitsOnALockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO%webhook_events%'
                """, connection);
            if ((long)(await command.ExecuteScalarAsync(Ct))! > 0) return;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The held delivery never waited on the test's lock.");
    }
}
