using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Email;

namespace RevenueAngel.Tests.Email;

/// `/u/{token}`: a confirmation page, an immediate POST (the page's button or a mail client's one-click), and nothing
/// for a forged token or another company's.
public sealed class UnsubscribeTests(EmailAppFixture app) : IClassFixture<EmailAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(EmailScenario Scenario, string Address, string Path)> EmailedLeadAsync()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = $"u{Guid.NewGuid():N}"[..16] + "@example.org";
        await scenario.EnrollAsync(await scenario.NurtureAsync(), await scenario.LeadAsync(address));
        await app.Get<Dispatcher>().RunAsync(Ct);
        return (scenario, address, EmailDispatchTests.UnsubscribePath(Assert.Single(app.Smtp.To(address))));
    }

    private async Task<bool> SuppressedAsync(string companyId, string address)
    {
        await using var db = app.App.CreateDbContext();
        return await db.EmailSuppressions.AnyAsync(s => s.CompanyId == companyId && s.Address == address && s.RemovedAt == null, Ct);
    }

    [Fact]
    public async Task GetShowsAConfirmationAndChangesNothingThenPostUnsubscribesAtOnceAndAgainChangesNothing()
    {
        var (scenario, address, path) = await EmailedLeadAsync();
        var client = app.App.CreateClient();

        var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains(address, html);
        Assert.Contains("Growth Lab", html);
        Assert.Contains($"action=\"{path}\"", html);
        Assert.False(await SuppressedAsync(scenario.CompanyId, address));

        var posted = await client.PostAsync(path, null, Ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("no more emails", await posted.Content.ReadAsStringAsync(Ct));
        Assert.True(await SuppressedAsync(scenario.CompanyId, address));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(path, null, Ct)).StatusCode);
        await using var db = app.App.CreateDbContext();
        var row = await db.EmailSuppressions.SingleAsync(s => s.CompanyId == scenario.CompanyId, Ct);
        Assert.Equal((SuppressionReason.Unsubscribed, "unsubscribe page"), (row.Reason, row.Note));
    }

    [Fact]
    public async Task AMailClientsOneClickPostUnsubscribesAndTheNextStepIsNeverEmailed()
    {
        var (scenario, address, path) = await EmailedLeadAsync();

        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var posted = await app.App.CreateClient().PostAsync(path, body, Ct);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(await SuppressedAsync(scenario.CompanyId, address));
        await using (var db = app.App.CreateDbContext())
            Assert.Equal("one-click (mail client)", (await db.EmailSuppressions.SingleAsync(s => s.CompanyId == scenario.CompanyId, Ct)).Note);

        await using (var db = app.App.CreateDbContext())
        {
            var lead = await db.Leads.SingleAsync(l => l.CompanyId == scenario.CompanyId && l.Email == address, Ct);
            await scenario.EnrollAsync(await scenario.NurtureAsync(priority: 40), lead);
        }
        await app.Get<Dispatcher>().RunAsync(Ct);
        Assert.Single(app.Smtp.To(address));
    }

    [Fact]
    public async Task AForgedTokenOrOneAlteredToNameAnotherCompanyIsRefused()
    {
        var (scenario, address, path) = await EmailedLeadAsync();
        var other = await EmailScenario.CreateAsync(app);
        var client = app.App.CreateClient();
        var token = path["/u/".Length..];
        var signature = token[(token.IndexOf('.') + 1)..];
        var otherPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{other.CompanyId}\n{address}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var forged in new[] { $"/u/{otherPayload}.{signature}", "/u/bm90LWEtdG9rZW4.AAAA", $"/u/{token}x" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(forged, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(forged, null, Ct)).StatusCode);
        }
        Assert.False(await SuppressedAsync(other.CompanyId, address));
        Assert.False(await SuppressedAsync(scenario.CompanyId, address));

        // A genuine token of another company unsubscribes there only.
        var theirs = app.Get<UnsubscribeTokens>().Create(other.CompanyId, address);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/u/{theirs}", null, Ct)).StatusCode);
        Assert.True(await SuppressedAsync(other.CompanyId, address));
        Assert.False(await SuppressedAsync(scenario.CompanyId, address));
    }

    [Fact]
    public async Task AdminsListExportAndRemoveSuppressionsWithAReasonAndOnlyTheirCompanys()
    {
        var (scenario, address, path) = await EmailedLeadAsync();
        await app.App.CreateClient().PostAsync(path, null, Ct);
        var token = app.AdminTokenFor(scenario.CompanyId);

        var list = await app.GetAsync($"/api/email/suppressions?companyId={scenario.CompanyId}", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var rows = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct)).RootElement;
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(address, row.GetProperty("address").GetString());
        Assert.Equal("unsubscribed", row.GetProperty("reason").GetString());
        var id = row.GetProperty("id").GetInt64();

        var csv = await app.GetAsync($"/api/email/suppressions?companyId={scenario.CompanyId}&format=csv", token);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains($",{address},unsubscribed,", await csv.Content.ReadAsStringAsync(Ct));

        var other = await EmailScenario.CreateAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/email/suppressions?companyId={scenario.CompanyId}", app.AdminTokenFor(other.CompanyId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await DeleteAsync($"/api/email/suppressions/{id}?companyId={other.CompanyId}&reason=mine", app.AdminTokenFor(other.CompanyId))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync($"/api/email/suppressions/{id}?companyId={scenario.CompanyId}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await DeleteAsync($"/api/email/suppressions/{id}?companyId={scenario.CompanyId}&reason=asked%20us%20by%20phone", token)).StatusCode);

        await using var db = app.App.CreateDbContext();
        var removed = await db.EmailSuppressions.SingleAsync(s => s.Id == id, Ct);
        Assert.Equal("asked us by phone", removed.RemovalReason);
        Assert.NotNull(removed.RemovedAt);
    }

    private async Task<HttpResponseMessage> DeleteAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("x-whop-user-token", token);
        return await app.App.CreateClient().SendAsync(request, Ct);
    }
}
