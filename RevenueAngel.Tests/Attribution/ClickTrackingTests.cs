using System.Net;
using System.Text.RegularExpressions;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Attribution;

public sealed partial class ClickTrackingTests(TrackedLinksAppFixture app) : IClassFixture<TrackedLinksAppFixture>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// A direct message with a checkout call to action, delivered: returns the send and the token in its link.
    private async Task<(DispatchScenario Scenario, Send Send, string Token)> DeliveredAsync(int members = 1)
    {
        var scenario = await DispatchScenario.CreateAsync(app, members);
        app.Whop.Store.Plans[scenario.Plan.Id] = new FakePlan(scenario.Plan.Id, scenario.CompanyId, "prod_x", "Basic", 19m, 30);
        var playbook = await scenario.PlaybookAsync(PlaybookType.ChurnSave, steps: [(0, MessageChannel.DirectMessage)]);
        await using (var db = app.App.CreateDbContext())
        {
            var template = db.MessageTemplates.Single(t => t.Id == playbook.Steps[0].TemplateId);
            (template.CtaLabel, template.CtaUrl) = ("Keep my plan", "{{ checkout_url }}");
            await db.SaveChangesAsync(Ct);
        }
        await scenario.EnrollAsync(playbook);
        await app.Get<Dispatcher>().RunAsync(Ct);
        var message = DispatchScenario.Json(scenario.Deliveries("message").Last()).GetProperty("content").GetString()!;
        var token = TrackedLink().Match(message).Groups[1].Value;
        await using var check = app.App.CreateDbContext();
        return (scenario, check.Sends.Single(s => s.ClickToken == token), token);
    }

    private async Task<HttpResponseMessage> FollowAsync(string path, HttpMethod? method = null, string userAgent = Browser)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.UserAgent.ParseAdd(userAgent);
        return await app.App.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request, Ct);
    }

    [Fact]
    public async Task TheMessageCarriesAnUnguessableTrackedLinkAndTheCheckoutCarriesTheSendInItsMetadata()
    {
        var (scenario, send, token) = await DeliveredAsync(members: 3);

        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.Equal(scenario.CompanyId, send.CompanyId);
        var id = send.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var checkout = scenario.Deliveries("checkout_configuration").Select(DispatchScenario.Json)
            .Single(c => c.GetProperty("metadata").GetProperty("ra_send").GetString() == id);
        Assert.Equal(send.PlaybookId.ToString(System.Globalization.CultureInfo.InvariantCulture), checkout.GetProperty("metadata").GetProperty("ra_playbook").GetString());
        Assert.StartsWith($"https://whop.com/checkout/{scenario.Plan.Id}?session=", send.CtaUrl);
        var tokens = scenario.Deliveries("message").Select(m => TrackedLink().Match(DispatchScenario.Json(m).GetProperty("content").GetString()!).Groups[1].Value).ToList();
        Assert.Equal(3, tokens.Distinct().Count());
    }

    [Fact]
    public async Task AClickRedirectsToTheSendsOwnTargetAndCountsWhileHeadAndPreviewBotsDoNot()
    {
        var (scenario, send, token) = await DeliveredAsync();

        var head = await FollowAsync($"/r/{token}", HttpMethod.Head);
        var unfurl = await FollowAsync($"/r/{token}", userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
        Assert.Equal(0, (await scenario.ReloadAsync(send.Id)).ClickCount);

        app.Time.Advance(TimeSpan.FromMinutes(3));
        var first = await FollowAsync($"/r/{token}");
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var second = await FollowAsync($"/r/{token}");

        foreach (var response in new[] { head, unfurl, first, second })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(send.CtaUrl, response.Headers.Location!.AbsoluteUri);
        }
        var clicked = await scenario.ReloadAsync(send.Id);
        Assert.Equal(2, clicked.ClickCount);
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(-3), clicked.ClickedAt);
    }

    [Theory]
    [InlineData("/r/{token}?url=https://evil.example")]
    [InlineData("/r/{token}?redirect=%2F%2Fevil.example")]
    public async Task ParametersCannotChooseWhereTheLinkGoes(string path)
    {
        var (_, send, token) = await DeliveredAsync();

        var response = await FollowAsync(path.Replace("{token}", token, StringComparison.Ordinal));

        Assert.Equal(send.CtaUrl, response.Headers.Location!.AbsoluteUri);
    }

    [Theory]
    [InlineData("/r/https%3A%2F%2Fevil.example")]
    [InlineData("/r/%2F%2Fevil.example")]
    [InlineData("/r/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/r/short")]
    public async Task AnythingButAKnownTokenIsNotFoundAndRedirectsNowhere(string path)
    {
        var response = await FollowAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TheTrackClickApiCountsOnlyTheAdminsOwnCompanysSends()
    {
        var (mine, send, _) = await DeliveredAsync();
        var (theirs, theirSend, _) = await DeliveredAsync();
        var token = app.AdminTokenFor(mine.CompanyId);

        var tracked = await app.PostJsonAsync($"/api/attribution/track-click?companyId={mine.CompanyId}&sendId={send.Id}", token, "{}");
        var foreign = await app.PostJsonAsync($"/api/attribution/track-click?companyId={mine.CompanyId}&sendId={theirSend.Id}", token, "{}");
        var anonymous = await app.PostJsonAsync($"/api/attribution/track-click?companyId={mine.CompanyId}&sendId={send.Id}", null, "{}");
        var forbidden = await app.PostJsonAsync($"/api/attribution/track-click?companyId={theirs.CompanyId}&sendId={theirSend.Id}", token, "{}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden),
            (tracked.StatusCode, foreign.StatusCode, anonymous.StatusCode, forbidden.StatusCode));
        Assert.Equal(1, (await mine.ReloadAsync(send.Id)).ClickCount);
        Assert.Equal(0, (await theirs.ReloadAsync(theirSend.Id)).ClickCount);
    }

    [GeneratedRegex(@"\(https://ra\.example\.com/r/([A-Za-z0-9_-]+)\)")]
    private static partial Regex TrackedLink();
}
