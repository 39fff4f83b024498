using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;

namespace RevenueAngel.Tests.Leads;

/// Manual add and the capture key through the admin REST API, and that one company's admin or key never reaches another.
public sealed class LeadAdminEndpointTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task AnAdminAddsALeadByHandOnceAndGetsTheSameLeadBack()
    {
        var (companyId, _) = await app.CompanyAsync();
        var token = app.AdminTokenFor(companyId);

        var created = await app.PostJsonAsync($"/api/leads?companyId={companyId}", token, """{"email":"Hand@Example.com","name":"Hana","consent":true,"consent_text":"Said yes at the meetup"}""");
        var again = await app.PostJsonAsync($"/api/leads?companyId={companyId}", token, """{"email":"hand@example.com"}""");
        var bad = await app.PostJsonAsync($"/api/leads?companyId={companyId}", token, """{"email":"nope"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = await JsonAsync(created);
        Assert.Equal(("hand@example.com", "manual", true), (lead.GetProperty("email").GetString(), lead.GetProperty("source").GetString(), lead.GetProperty("emailConsent").GetBoolean()));
        Assert.Equal([LeadReach.Email], lead.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal($"/api/leads/{lead.GetProperty("id").GetInt64()}?companyId={companyId}", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(lead.GetProperty("id").GetInt64(), (await JsonAsync(again)).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AnAdminReadsAndRotatesTheCaptureKeyAndTheOldKeyStopsWorking()
    {
        var (companyId, key) = await app.CompanyAsync();
        var token = app.AdminTokenFor(companyId);

        var read = await JsonAsync(await app.GetAsync($"/api/leads/capture-key?companyId={companyId}", token));
        var rotated = await app.SendAsync(HttpMethod.Post, $"/api/leads/capture-key/rotate?companyId={companyId}", token);

        Assert.Equal((key, $"/api/leads/capture/{key}"), (read.GetProperty("key").GetString(), read.GetProperty("capturePath").GetString()));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var fresh = (await JsonAsync(rotated)).GetProperty("key").GetString()!;
        Assert.NotEqual(key, fresh);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CaptureAsync(key, new { email = "old@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.CaptureAsync(fresh, new { email = "new@example.com" })).StatusCode);
    }

    [Fact]
    public async Task AnotherCompanysAdminCannotReadOrRotateTheKeyOrAddLeadsAndAKeyOnlyFillsItsOwnCompany()
    {
        var (a, keyA) = await app.CompanyAsync();
        var (b, keyB) = await app.CompanyAsync();
        var adminOfA = app.AdminTokenFor(a);

        var read = await app.GetAsync($"/api/leads/capture-key?companyId={b}", adminOfA);
        var rotate = await app.SendAsync(HttpMethod.Post, $"/api/leads/capture-key/rotate?companyId={b}", adminOfA);
        var add = await app.PostJsonAsync($"/api/leads?companyId={b}", adminOfA, """{"email":"intruder@example.com"}""");
        var anonymous = await app.GetAsync($"/api/leads/capture-key?companyId={a}", null);
        await app.CaptureAsync(keyA, new { email = "only-a@example.com" });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (read.StatusCode, rotate.StatusCode, add.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(keyB, await app.Get<LeadCaptureKeys>().GetOrCreateAsync(new CompanyScope(b), Ct));
        await using var db = app.App.CreateDbContext();
        Assert.Equal(["only-a@example.com"], await db.Leads.Where(l => l.CompanyId == a).Select(l => l.Email).ToListAsync(Ct));
        Assert.Empty(await db.Leads.Where(l => l.CompanyId == b).ToListAsync(Ct));
    }
}
