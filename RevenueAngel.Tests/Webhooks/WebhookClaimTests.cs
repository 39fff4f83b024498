using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Tests.Webhooks;

/// The claim alone, from two connections with nothing shared in memory: what two replicas see.
public sealed class WebhookClaimTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClaimOfAMembersLaterEventWaitsUntilTheBatchHoldingItsEarlierEventEnds()
    {
        // Due a day ahead of the app's clock, so the app's own sweeps leave them alone; older than anything else stored.
        var due = app.Time.GetUtcNow().AddDays(1);
        var user = $"user_claim_{Guid.NewGuid():N}";
        var first = await StoreAsync(user, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), due);
        var second = await StoreAsync(user, new DateTimeOffset(2001, 1, 1, 0, 0, 1, TimeSpan.Zero), due);
        try
        {
            await using var holder = app.App.CreateDbContext();
            await using var holding = await holder.Database.BeginTransactionAsync(Ct);
            Assert.Equal(first, Assert.Single(await ClaimOneAsync(holder, due)).Id);

            await using var other = app.App.CreateDbContext();
            await using var waiting = await other.Database.BeginTransactionAsync(Ct);
            var next = ClaimOneAsync(other, due);
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            Assert.False(next.IsCompleted, "the member's later event must wait for the batch holding its earlier one");

            await holding.CommitAsync(Ct);
            Assert.Equal(second, Assert.Single(await next.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Id);
        }
        finally
        {
            await using var db = app.App.CreateDbContext();
            await db.WebhookEvents.Where(e => e.Id == first || e.Id == second).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private static Task<List<WebhookEvent>> ClaimOneAsync(Core.Persistence.RevenueAngelDbContext db, DateTimeOffset now) =>
        db.Dialect.WebhookClaim.ClaimAsync(db, now, 1, e => EventSubjects.Of(e).MemberKey, Ct);

    private async Task<long> StoreAsync(string user, DateTimeOffset occurredAt, DateTimeOffset due)
    {
        var payload = JsonSerializer.Serialize(new { data = new { id = $"pay_{Guid.NewGuid():N}", user = new { id = user }, company = new { id = "biz_claim" } } });
        var row = new WebhookEvent
        {
            WebhookId = $"msg_{Guid.NewGuid():N}", CompanyId = "biz_claim", EventType = "payment.succeeded", Payload = payload,
            ReceivedAt = occurredAt, OccurredAt = occurredAt, NextAttemptAt = due,
        };
        await using var db = app.App.CreateDbContext();
        db.WebhookEvents.Add(row);
        await db.SaveChangesAsync(Ct);
        return row.Id;
    }
}
