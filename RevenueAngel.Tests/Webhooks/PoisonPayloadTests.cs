using System.Net;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Webhooks;

/// Whop's dated API versions change field shapes: an event whose payload the handlers cannot read fails on its own
/// (then is dead), and the events around it are applied in the same run.
public sealed class PoisonPayloadTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnObjectWhereAStringWasExpectedFailsThatEventOnlyThenItIsDeadAndTheOthersApply()
    {
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();
        company.AddMember(1);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/dashboard/{company.CompanyId}", app.AdminTokenFor(company.CompanyId))).StatusCode);
        var at = app.Time.GetUtcNow();
        var (objectCompany, stringUser, real) = ($"msg_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}", $"msg_{Guid.NewGuid():N}");
        // No company_id in the envelope, and `data.company.id` an object: what once threw before any handler ran.
        await app.DeliverAsync("""{"api_version":"v1","type":"payment.failed","timestamp":"2026-11-26T12:00:00Z","data":{"id":"pay_1","company":{"id":{"v":2}}}}""", objectCompany);
        await app.DeliverAsync(WhopEvents.Envelope("payment.failed", company.CompanyId, at, new Dictionary<string, object?>
        {
            ["id"] = $"pay_u_{company.CompanyId}", ["status"] = "open", ["user"] = "user_as_a_string", ["company"] = new { id = company.CompanyId },
        }), stringUser);
        await app.DeliverAsync(WhopEvents.Envelope("payment.failed", company.CompanyId, at, WhopEvents.Payment($"pay_r_{company.CompanyId}", company.CompanyId,
            $"user_{company.CompanyId}_0001", $"mem_{company.CompanyId}_0001", company.BasicPlanId, 19.99m, "open", at, "subscription_cycle", 1)), real);

        await app.ProcessAsync();

        await using (var db = app.App.CreateDbContext())
        {
            var rows = await db.WebhookEvents.Where(e => e.WebhookId == objectCompany || e.WebhookId == stringUser || e.WebhookId == real)
                .ToDictionaryAsync(e => e.WebhookId, Ct);
            Assert.Equal(WebhookEventStatus.Ignored, rows[objectCompany].Status);
            Assert.Contains("has not installed", rows[objectCompany].Error);
            Assert.Equal((WebhookEventStatus.Failed, 1), (rows[stringUser].Status, rows[stringUser].Attempts));
            Assert.Contains("does not have the shape", rows[stringUser].Error);
            Assert.True(rows[real].Status == WebhookEventStatus.Processed, rows[real].Error);
            Assert.Equal("past_due", (await db.Memberships.SingleAsync(m => m.Id == $"mem_{company.CompanyId}_0001", Ct)).Status);
            app.Time.Advance(rows[stringUser].NextAttemptAt!.Value - app.Time.GetUtcNow());
        }

        await app.ProcessAsync();

        await using var check = app.App.CreateDbContext();
        var poison = await check.WebhookEvents.SingleAsync(e => e.WebhookId == stringUser, Ct);
        Assert.Equal((WebhookEventStatus.Dead, 2, null), (poison.Status, poison.Attempts, poison.NextAttemptAt));
    }

    [Fact]
    public void ByDefaultAFailureThatMayPassIsRetriedForHoursBeforeItIsDead()
    {
        var options = new WebhookOptions();

        Assert.InRange(options.RetrySpan, TimeSpan.FromHours(4), TimeSpan.FromHours(8));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelay(options.MaxAttempts - 1));
    }
}
