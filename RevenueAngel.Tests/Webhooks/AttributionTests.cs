using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Webhooks;

/// Which send a conversion is credited to, and how: exact (the checkout's ra_send), else the newest clicked within
/// the company's window, else the newest delivered within it, else none; recorded with the window in force.
public sealed class AttributionTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// One member with two delivered pushes from two playbooks, an hour apart.
    private async Task<(DispatchScenario Scenario, Send Older, Send Newer)> TwoSendsAsync()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1, c => c.AttributionWindowDays = 7);
        var older = (await scenario.EnrollAsync(await scenario.PlaybookAsync(title: "Older"))).Single();
        await app.Get<Dispatcher>().RunAsync(Ct);
        app.Time.Advance(TimeSpan.FromHours(1));
        var newer = (await scenario.EnrollAsync(await scenario.PlaybookAsync(title: "Newer"))).Single();
        await app.Get<Dispatcher>().RunAsync(Ct);
        var (olderSent, newerSent) = (await scenario.ReloadAsync(older.Id), await scenario.ReloadAsync(newer.Id));
        foreach (var sent in new[] { olderSent, newerSent })
            Assert.True(sent.Status == SendStatus.Sent, $"send {sent.Id} is {sent.Status} ({sent.LastError}), sent at {sent.SentAt}, lease {sent.LeaseExpiresAt:O}, now {app.Time.GetUtcNow():O}\n" + string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Dispatch") || l.Contains("rror")).TakeLast(60)));
        return (scenario, olderSent, newerSent);
    }

    private async Task<Conversion> PayAsync(DispatchScenario s, Dictionary<string, string>? metadata = null)
    {
        var payment = (Dictionary<string, object?>)WhopEvents.Payment($"pay_{Guid.NewGuid():N}"[..20], s.CompanyId, s.Members[0].WhopUserId,
            $"mem_{s.CompanyId}_x", s.Plan.Id, 19m, "paid", app.Time.GetUtcNow());
        if (metadata is not null) payment["metadata"] = metadata;
        await app.DeliverAsync(WhopEvents.Envelope("payment.succeeded", s.CompanyId, app.Time.GetUtcNow(), payment));
        await app.ProcessAsync();
        await using var db = app.App.CreateDbContext();
        return db.Conversions.Single(c => c.CompanyId == s.CompanyId);
    }

    [Fact]
    public async Task WithoutAClickTheNewestDeliveredSendWithinTheWindowGetsTheCredit()
    {
        var (s, _, newer) = await TwoSendsAsync();
        app.Time.Advance(TimeSpan.FromDays(6));

        var conversion = await PayAsync(s);

        Assert.Equal((newer.Id, AttributionMethod.Delivery, 7), (conversion.AttributedSendId, conversion.AttributionMethod, conversion.AttributionWindowDays));
    }

    [Fact]
    public async Task AClickedSendBeatsANewerDeliveredOne()
    {
        var (s, older, _) = await TwoSendsAsync();
        Assert.True(await app.Get<ClickTracker>().TrackAsync(new CompanyScope(s.CompanyId), older.Id, Ct));
        app.Time.Advance(TimeSpan.FromDays(1));

        var conversion = await PayAsync(s);

        Assert.Equal((older.Id, AttributionMethod.Click), (conversion.AttributedSendId, conversion.AttributionMethod));
    }

    [Fact]
    public async Task TheCheckoutsRaSendMetadataIsExactAndBeatsAClick()
    {
        var (s, older, newer) = await TwoSendsAsync();
        await app.Get<ClickTracker>().TrackAsync(new CompanyScope(s.CompanyId), newer.Id, Ct);

        var conversion = await PayAsync(s, new() { [CheckoutMetadata.SendKey] = older.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal((older.Id, AttributionMethod.Exact), (conversion.AttributedSendId, conversion.AttributionMethod));
    }

    [Fact]
    public async Task AnotherMembersSendNamedInMetadataIsNotTrusted()
    {
        var (s, _, newer) = await TwoSendsAsync();
        var stranger = await DispatchScenario.CreateAsync(app, members: 1);
        var theirs = (await stranger.EnrollAsync(await stranger.PlaybookAsync())).Single();
        await app.Get<Dispatcher>().RunAsync(Ct);

        var conversion = await PayAsync(s, new() { [CheckoutMetadata.SendKey] = theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal((newer.Id, AttributionMethod.Delivery), (conversion.AttributedSendId, conversion.AttributionMethod));
    }

    [Theory]
    [InlineData(7 * 24 - 1, true)]
    [InlineData(7 * 24 + 1, false)]
    public async Task TheWindowEndsSevenDaysAfterTheMessage(int hoursAfterNewer, bool credited)
    {
        var (s, _, newer) = await TwoSendsAsync();
        app.Time.Advance(TimeSpan.FromHours(hoursAfterNewer) - (app.Time.GetUtcNow() - newer.SentAt!.Value));

        var conversion = await PayAsync(s);

        Assert.Equal(credited ? (newer.Id, AttributionMethod.Delivery) : (null, AttributionMethod.None),
            (conversion.AttributedSendId, conversion.AttributionMethod));
    }
}
