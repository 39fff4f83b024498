using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Webhooks;

namespace RevenueAngel.Tests.Components;

public sealed class WebhookActivityViewTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly DemoCoreFixture _demo;
    private readonly string _companyId = $"biz_act_{Guid.NewGuid():N}"[..20];

    public WebhookActivityViewTests(DemoCoreFixture demo)
    {
        _demo = demo;
        Services.AddSingleton(demo.Core.Get<WebhookActivity>());
        UsePageServices(demo.Core);
    }

    private async Task<long> AddAsync(string type, WebhookEventStatus status, string? error = null, string? payload = null)
    {
        await using var db = _demo.Core.CreateDbContext();
        var row = new WebhookEvent
        {
            WebhookId = $"msg_{Guid.NewGuid():N}", CompanyId = _companyId, EventType = type, Status = status, Error = error, Attempts = status == WebhookEventStatus.Dead ? 8 : 1,
            Payload = payload ?? System.Text.Json.JsonSerializer.Serialize(new
            {
                id = "msg_1", api_version = "v1", type, timestamp = "2026-11-26T10:00:00.000Z", company_id = _companyId,
                data = new { id = $"pay_{type.Length}abc", user = new { id = "user_42" } },
            }),
            ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-5), ProcessedAt = DateTimeOffset.UtcNow,
        };
        db.WebhookEvents.Add(row);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return row.Id;
    }

    [Fact]
    public async Task ShowsCountsPerStatusAndFiltersByStatusTypeAndSearch()
    {
        await AddAsync("payment.succeeded", WebhookEventStatus.Processed);
        await AddAsync("payment.failed", WebhookEventStatus.Processed);
        await AddAsync("membership.deactivated", WebhookEventStatus.Dead, "HttpRequestException: Whop answered 500");
        await AddAsync("chat.message_created", WebhookEventStatus.Ignored, "RevenueAngel does not act on chat.message_created");

        var cut = Render<WebhookActivityView>(p => p.Add(x => x.Company, new CompanyScope(_companyId)));

        cut.WaitForAssertion(() => Assert.Contains("Applied: 2", cut.Find("[data-testid=count-processed]").TextContent));
        Assert.Equal(4, cut.FindAll("[data-testid=row-status]").Count);
        Assert.Contains("Dead: 1", cut.Find("[data-testid=count-dead]").TextContent);

        cut.Find("[data-testid=count-dead]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=row-status]")));
        Assert.Contains("Whop answered 500", cut.Markup);

        cut.Find("[data-testid=count-dead]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=row-status]").Count));
        var search = cut.Find("[data-testid=search]");
        (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("pay_14abc");
        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll("[data-testid=row-status]"));
            Assert.Contains("payment.failed", cut.Find("[data-testid=events]").TextContent);
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ARowOpensItsPrettyPayloadAndErrorAndReplayQueuesItAgain()
    {
        var id = await AddAsync("membership.deactivated", WebhookEventStatus.Dead, "HttpRequestException: Whop answered 500");
        var cut = Render<WebhookActivityView>(p => p.Add(x => x.Company, new CompanyScope(_companyId)));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.cursor-pointer")));

        cut.Find("tr.cursor-pointer").Click();

        cut.WaitForAssertion(() => Assert.Contains("\"type\": \"membership.deactivated\"", cut.Find("[data-testid=payload]").TextContent));
        Assert.Contains("\n  \"data\": {", cut.Find("[data-testid=payload]").TextContent);
        Assert.Contains("Whop answered 500", cut.Find("[data-testid=event-error]").TextContent);

        cut.Find("[data-testid=replay]").Click();

        await using var db = _demo.Core.CreateDbContext();
        cut.WaitForAssertion(() => Assert.Equal(WebhookEventStatus.Received, db.WebhookEvents.AsNoTracking().Single(e => e.Id == id).Status));
        cut.WaitForAssertion(() => Assert.Contains("Waiting", cut.Find("[data-testid=row-status]").TextContent));
    }

    [Fact]
    public async Task TheListUpdatesItselfWhenEventsArrive()
    {
        var cut = Render<WebhookActivityView>(p => p.Add(x => x.Company, new CompanyScope(_companyId)).Add(x => x.RefreshEvery, TimeSpan.FromMilliseconds(200)));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-events]")));

        await AddAsync("payment.succeeded", WebhookEventStatus.Processed);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=row-status]")), TimeSpan.FromSeconds(5));
    }
}
