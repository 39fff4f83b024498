using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Tests.Webhooks;

public sealed class WebhookReceiveTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static string Body(string companyId = "biz_nobody") =>
        WhopEvents.Envelope("payment.created", companyId, DateTimeOffset.UtcNow, new { id = $"pay_{Guid.NewGuid():N}"[..18], status = "open" });

    private async Task<List<WebhookEvent>> StoredAsync(string id)
    {
        await using var db = app.App.CreateDbContext();
        return await db.WebhookEvents.Where(e => e.WebhookId == id).ToListAsync(Ct);
    }

    [Fact]
    public async Task ASignedDeliveryIsStoredVerbatimAndAnsweredAtOnce()
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var body = Body();

        var response = await app.DeliverAsync(body, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await StoredAsync(id));
        Assert.Equal((body, "payment.created", WebhookEventStatus.Received), (row.Payload, row.EventType, row.Status));
        Assert.DoesNotContain("webhook-signature", row.Headers);
        Assert.Contains("webhook-timestamp", row.Headers);
    }

    [Fact]
    public async Task ARotatedWhsecSecretAndASignatureListWithOneGoodEntryAreAccepted()
    {
        var ts = app.Time.GetUtcNow().ToUnixTimeSeconds();
        var rotatedId = $"msg_{Guid.NewGuid():N}";
        var body = Body();
        var rotated = await app.DeliverAsync(body, rotatedId, ts, WebhookAppFixture.SignWithKey(rotatedId, ts, body, WebhookAppFixture.RotatedKey));
        var listId = $"msg_{Guid.NewGuid():N}";
        var several = await app.DeliverAsync(body, listId, ts,
            $"v1,{Convert.ToBase64String(new byte[32])} v1,{WebhookAppFixture.SignWithSecret(listId, ts, body)[3..]}");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        Assert.Single(await StoredAsync(rotatedId));
        Assert.Single(await StoredAsync(listId));
    }

    [Theory]
    [InlineData(-300, HttpStatusCode.OK)]
    [InlineData(300, HttpStatusCode.OK)]
    [InlineData(-301, HttpStatusCode.Unauthorized)]
    [InlineData(301, HttpStatusCode.Unauthorized)]
    public async Task TheTimestampMayBeAtMostFiveMinutesAway(int offsetSeconds, HttpStatusCode expected)
    {
        var id = $"msg_{Guid.NewGuid():N}";

        var response = await app.DeliverAsync(Body(), id, app.Time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, (await StoredAsync(id)).Count);
    }

    [Fact]
    public async Task BadMissingOrForeignSignaturesAre401WithTheReasonStoreNothingAndLogNoSecret()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => $"msg_{Guid.NewGuid():N}").ToList();
        var body = Body();
        var ts = app.Time.GetUtcNow().ToUnixTimeSeconds();

        var responses = new[]
        {
            await app.DeliverAsync(body, ids[0], signature: "v1,bm90IGEgc2lnbmF0dXJl"),
            await app.DeliverAsync(body, ids[1], omitSignature: true),
            await app.DeliverAsync(body, ids[2], ts, WebhookAppFixture.SignWithSecret(ids[2], ts, body, "ws_someone_elses_secret")),
            await app.DeliverAsync(body.Replace("payment.created", "payment.succeeded"), ids[3], ts, WebhookAppFixture.SignWithSecret(ids[3], ts, body)),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("missing", JsonDocument.Parse(await responses[1].Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString());
        foreach (var id in ids) Assert.Empty(await StoredAsync(id));
        Assert.Contains(app.Logs.Lines, m => m.Contains("Rejected a webhook delivery", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, m => m.Contains(WebhookAppFixture.Secret, StringComparison.Ordinal)
                                                      || m.Contains(WebhookAppFixture.RotatedSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIs413AndNotStored()
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var body = WhopEvents.Envelope("payment.created", "biz_x", DateTimeOffset.UtcNow, new { padding = new string('x', 1024 * 1024) });

        var response = await app.DeliverAsync(body, id);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await StoredAsync(id));
    }

    [Fact]
    public async Task TenConcurrentDeliveriesOfOneIdStoreOneRowAndAllAre2xx()
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var body = Body();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.DeliverAsync(body, id)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await StoredAsync(id));
        Assert.Equal(9, (await Task.WhenAll(responses.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct)).RootElement)))
            .Count(j => j.GetProperty("duplicate").GetBoolean()));
    }

    [Fact]
    public async Task ASignedBodyThatIsNotJsonIsStoredFailedAndALegacyEnvelopeIgnoredBothWithTheReason()
    {
        var garbled = $"msg_{Guid.NewGuid():N}";
        var legacy = $"msg_{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync("{not json", garbled)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync("""{"action":"payment.succeeded","api_version":"v5","data":{}}""", legacy)).StatusCode);

        var failed = Assert.Single(await StoredAsync(garbled));
        Assert.Equal(WebhookEventStatus.Failed, failed.Status);
        Assert.Contains("not JSON", failed.Error);
        Assert.Null(failed.NextAttemptAt);
        var ignored = Assert.Single(await StoredAsync(legacy));
        Assert.Equal(WebhookEventStatus.Ignored, ignored.Status);
        Assert.Contains("v1", ignored.Error);
    }

    [Fact]
    public async Task ABodyWithNulBytesIsStoredAsBase64WithTheReasonAndItsExactBytesRecoverable()
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var body = Body().Insert(10, "\0");

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(body, id)).StatusCode);

        var row = Assert.Single(await StoredAsync(id));
        Assert.Equal(WebhookEventStatus.Failed, row.Status);
        Assert.Contains("base64", row.Error);
        Assert.StartsWith("base64:", row.Payload, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(body), Convert.FromBase64String(row.Payload["base64:".Length..]));
    }

    [Fact]
    public async Task AnOverLongOrUnstorableEventTypeOrCompanyIdIsStoredIgnoredWithTheReason()
    {
        var (longType, nulType, longCompany) = ($"msg_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}");
        var data = new { id = "pay_x", status = "open" };

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(WhopEvents.Envelope("payment." + new string('x', 300), "biz_a", app.Time.GetUtcNow(), data), longType)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(WhopEvents.Envelope("payment.failed\u0000", "biz_a", app.Time.GetUtcNow(), data), nulType)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(WhopEvents.Envelope("payment.failed", new string('b', 200), app.Time.GetUtcNow(), data), longCompany)).StatusCode);

        var cut = Assert.Single(await StoredAsync(longType));
        Assert.Equal((WebhookEventStatus.Ignored, 100), (cut.Status, cut.EventType.Length));
        Assert.Contains("over 100 characters", cut.Error);
        var cleaned = Assert.Single(await StoredAsync(nulType));
        Assert.Equal((WebhookEventStatus.Ignored, "payment.failed"), (cleaned.Status, cleaned.EventType));
        var stranger = Assert.Single(await StoredAsync(longCompany));
        Assert.Equal((WebhookEventStatus.Ignored, null), (stranger.Status, stranger.CompanyId));
        Assert.Contains("company_id", stranger.Error);
    }

    [Fact]
    public async Task AWebhookIdLongerThanItsColumnIsStoredAsItsHashAndARedeliveryIsStillADuplicate()
    {
        var id = $"msg_{Guid.NewGuid():N}_{new string('i', 300)}";
        var body = Body();

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(body, id)).StatusCode);
        var again = await app.DeliverAsync(body, id);

        Assert.True(JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("duplicate").GetBoolean());
        var hashed = $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))}";
        var row = Assert.Single(await StoredAsync(hashed));
        Assert.Equal((body, WebhookEventStatus.Received), (row.Payload, row.Status));
    }
}
