using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// The landing page's endpoint over real HTTP: what it accepts, what it refuses and how, and that it never fails.
public sealed class LeadCaptureTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<List<Lead>> LeadsAsync(string companyId)
    {
        await using var db = app.App.CreateDbContext();
        return await db.Leads.Where(l => l.CompanyId == companyId).OrderBy(l => l.Id).ToListAsync(Ct);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task AValidCaptureIsAcceptedAndStoresANormalisedWebLeadWithItsConsent()
    {
        var (companyId, key) = await app.CompanyAsync();

        var response = await app.CaptureAsync(key, new
        {
            email = "  Jo.Rivera@Example.COM ", name = "Jo Rivera", utm_source = "discord", consent = true,
            consent_text = "Email me about launches.", website = "",
        }, origin: "https://landing.example.org");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal(("jo.rivera@example.com", "Jo Rivera", LeadSources.Web, "discord"), (lead.Email, lead.Name, lead.Source, lead.UtmSource));
        Assert.Equal((true, "Email me about launches.", app.Time.GetUtcNow()), (lead.EmailConsent, lead.ConsentText, lead.ConsentAt));
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Null(lead.WhopUserId);
    }

    [Fact]
    public async Task APlainHtmlFormIsAcceptedAndAPersonGetsAThankYouPage()
    {
        var (companyId, key) = await app.CompanyAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "form@example.com", ["name"] = "Fran", ["consent"] = "on", ["consent_text"] = "Yes please", ["website"] = "",
        });

        var response = await app.CaptureAsync(key, form, configure: r => r.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("Thanks", await response.Content.ReadAsStringAsync(Ct));
        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal(("form@example.com", "Fran", true, "Yes please"), (lead.Email, lead.Name, lead.EmailConsent, lead.ConsentText));
    }

    [Fact]
    public async Task ADuplicateUpdatesTheLeadAndLosesNothing()
    {
        var (companyId, key) = await app.CompanyAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(key, new { email = "dup@example.com", name = "First Name", consent = false })).StatusCode);
        var before = Assert.Single(await LeadsAsync(companyId));
        app.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(key, new
        {
            email = "DUP@example.com", name = "Other Name", utm_source = "x", consent = true, consent_text = "Send me news",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(key, new { email = "dup@example.com", consent = false })).StatusCode);

        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal((before.Id, "First Name", "x", before.CapturedAt), (lead.Id, lead.Name, lead.UtmSource, lead.CapturedAt));
        Assert.Equal((true, "Send me news", app.Time.GetUtcNow()), (lead.EmailConsent, lead.ConsentText, lead.ConsentAt));
    }

    [Fact]
    public async Task ConcurrentCapturesOfOneAddressMakeOneLead()
    {
        var (companyId, key) = await app.CompanyAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.CaptureAsync(key, new { email = "race@example.com", consent = i % 2 == 0, consent_text = "ok" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.True(lead.EmailConsent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("Jo <jo@example.com>")]
    [InlineData("jo@localhost")]
    [InlineData("jo@example..com")]
    [InlineData("jo\u0000@example.com")]
    public async Task ABadEmailIsA400ProblemNamingTheField(string email)
    {
        var (companyId, key) = await app.CompanyAsync();

        var response = await app.CaptureAsync(key, new { email, consent = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Empty(await LeadsAsync(companyId));
    }

    [Fact]
    public async Task WrongTypesAndBrokenJsonAre400Problems()
    {
        var (_, key) = await app.CompanyAsync();

        var consent = await app.CaptureAsync(key, new StringContent("""{"email":"a@example.com","consent":"yes"}""", Encoding.UTF8, "application/json"));
        var broken = await app.CaptureAsync(key, new StringContent("""{"email":""", Encoding.UTF8, "application/json"));
        var array = await app.CaptureAsync(key, new StringContent("""["a@example.com"]""", Encoding.UTF8, "text/plain"));
        var xml = await app.CaptureAsync(key, new StringContent("<lead/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.BadRequest, consent.StatusCode);
        Assert.True((await ProblemAsync(consent)).GetProperty("errors").TryGetProperty("consent", out _));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(415, (await ProblemAsync(xml)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AFilledHoneypotIsAcceptedButStoresNothing()
    {
        var (companyId, key) = await app.CompanyAsync();

        var response = await app.CaptureAsync(key, new { email = "bot@example.com", consent = true, website = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await LeadsAsync(companyId));
    }

    [Fact]
    public async Task AnUnknownKeyAndARotatedKeyAre404Problems()
    {
        var (companyId, key) = await app.CompanyAsync();

        var unknown = await app.CaptureAsync("lck_0000000000000000000000000000dead", new { email = "a@example.com" });
        var garbage = await app.CaptureAsync("not-a-key", new { email = "a@example.com" });
        var fresh = await app.Get<LeadCaptureKeys>().RotateAsync(new CompanyScope(companyId), Ct);
        var rotated = await app.CaptureAsync(key, new { email = "b@example.com" });
        var current = await app.CaptureAsync(fresh, new { email = "c@example.com" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(404, (await ProblemAsync(unknown)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, current.StatusCode);
        Assert.Equal(["c@example.com"], (await LeadsAsync(companyId)).Select(l => l.Email));
    }

    [Fact]
    public async Task ABodyOverEightKilobytesIsA413ProblemWithOrWithoutALength()
    {
        var (companyId, key) = await app.CompanyAsync();
        var big = JsonSerializer.Serialize(new { email = "big@example.com", name = new string('n', 9000) });

        var declared = await app.CaptureAsync(key, new StringContent(big, Encoding.UTF8, "application/json"));
        var streamed = await app.CaptureAsync(key, new StreamContent(new ChunkedStream(Encoding.UTF8.GetBytes(big)))
        {
            Headers = { ContentType = new("application/json") },
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(413, (await ProblemAsync(declared)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Empty(await LeadsAsync(companyId));
    }

    [Fact]
    public async Task ACorsPreflightFromAnyOriginIsAllowedWithoutCredentials()
    {
        var (_, key) = await app.CompanyAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/leads/capture/{key}").From(LeadsAppFixture.FreshIp());
        preflight.Headers.Add("Origin", "https://landing.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await app.App.CreateClient().SendAsync(preflight, Ct);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task CapturesPastTheLimitAre429PerAddressAndPerKey()
    {
        var (_, key) = await app.CompanyAsync();
        var ip = LeadsAppFixture.FreshIp();
        for (var i = 0; i < LeadsAppFixture.PerIp; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(key, new { email = $"ip{i}@example.com" }, ip)).StatusCode);

        var limited = await app.CaptureAsync(key, new { email = "one-more@example.com" }, ip);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(429, (await ProblemAsync(limited)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(key, new { email = "other-ip@example.com" })).StatusCode);

        // The key's own budget: from fresh addresses each time, it still runs out (it has spent PerIp + 1 so far).
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < LeadsAppFixture.PerKey; i++) answers.Add((await app.CaptureAsync(key, new { email = $"key{i}@example.com" })).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        var (_, otherKey) = await app.CompanyAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(otherKey, new { email = "fine@example.com" })).StatusCode);
    }

    /// A body without a Content-Length: the server learns its size only by reading it.
    private sealed class ChunkedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
