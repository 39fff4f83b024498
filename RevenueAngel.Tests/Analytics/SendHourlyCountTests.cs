using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// The hourly send counts are kept by database triggers; whatever writes the sends, they must equal a count of
/// the sends themselves, and the figures read through them must equal a count over the window.
public sealed class SendHourlyCountTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EveryWayOfWritingSendsKeepsTheHourlyCountsEqualToTheSends(string provider)
    {
        var random = new Random(7);
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext()) graph = await TestGraph.CreateAsync(db);
        DateTimeOffset SomeTime() => TestGraph.At.AddMinutes(random.Next(0, 5 * 60)).AddTicks(random.Next(0, 1000));

        var sends = new List<Send>();
        await using (var db = hosts[provider].CreateDbContext())
        {
            for (var i = 0; i < 60; i++)
            {
                var enrollment = new Enrollment { CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = i + 2, EnteredAt = TestGraph.At };
                db.Add(enrollment);
                await db.SaveChangesAsync(Ct);
                var send = Send.Schedule(graph.Company.Id, graph.Playbook.Id, graph.Step.Id, enrollment.Id, MessageChannel.Push, SomeTime());
                if (i % 3 == 0) // inserted already delivered, some already clicked
                {
                    send.Claim(TestGraph.At.AddHours(1));
                    send.MarkSent(SomeTime(), $"ext_{i}");
                    if (i % 2 == 0) send.RecordClick(send.SentAt!.Value.AddMinutes(5));
                }
                db.Add(send);
                sends.Add(send);
            }
            await db.SaveChangesAsync(Ct);
        }

        // The dispatcher's path: tracked entities marked sent, then clicked, in later transactions.
        await using (var db = hosts[provider].CreateDbContext())
        {
            foreach (var send in sends.Where((_, i) => i % 3 == 1))
            {
                db.Attach(send);
                send.Claim(TestGraph.At.AddHours(1));
                send.MarkSent(SomeTime(), null);
            }
            await db.SaveChangesAsync(Ct);
            foreach (var send in sends.Where((_, i) => i % 6 == 1)) send.RecordClick(send.SentAt!.Value.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        // The click endpoint's set-based update (a second click changes nothing), a re-timed send, deleted sends.
        await using (var db = hosts[provider].CreateDbContext())
        {
            var delivered = sends.Where((_, i) => i % 3 != 2).Select(s => s.Id).ToList();
            var clickedNow = delivered.Where((_, i) => i % 4 == 3).ToList();
            for (var twice = 0; twice < 2; twice++)
            {
                await db.Sends.Where(s => clickedNow.Contains(s.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.ClickedAt, s => s.ClickedAt ?? TestGraph.At.AddHours(6))
                    .SetProperty(s => s.ClickCount, s => s.ClickCount + 1), Ct);
            }
            await db.Sends.Where(s => s.Id == delivered[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.SentAt, TestGraph.At.AddDays(2)), Ct);
            await db.Sends.Where(s => s.Id == delivered[1] || s.Id == delivered[2]).ExecuteDeleteAsync(Ct);
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            var fromSends = (await db.Sends.Where(s => s.CompanyId == graph.Company.Id && s.SentAt != null).ToListAsync(Ct))
                .GroupBy(s => s.SentAt!.Value.UtcTicks - s.SentAt.Value.UtcTicks % TimeSpan.TicksPerHour)
                .Select(g => (Hour: g.Key, Sent: g.Count(), Clicked: g.Count(s => s.ClickedAt is not null)))
                .OrderBy(r => r.Hour).ToList();
            var counted = (await db.SendHourlyCounts.Where(c => c.CompanyId == graph.Company.Id && c.Sent > 0).ToListAsync(Ct))
                .Select(c => (Hour: c.Hour.UtcTicks, c.Sent, c.Clicked)).OrderBy(r => r.Hour).ToList();

            Assert.True(fromSends.Count >= 5, $"the sends spread over {fromSends.Count} hours only");
            Assert.Contains(fromSends, r => r.Clicked > 0);
            Assert.Equal(fromSends, counted);
        }
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AWindowCountsTheSendsInsideItToTheTickIncludingItsPartialFirstAndLastHours(string provider)
    {
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext()) graph = await TestGraph.CreateAsync(db);
        var from = TestGraph.At.AddMinutes(20);
        var to = from.AddDays(1);
        DateTimeOffset[] inside = [from, from.AddMinutes(39), from.AddMinutes(40), from.AddHours(5), to.AddMinutes(-20), to.AddTicks(-1)];
        DateTimeOffset[] outside = [from.AddTicks(-1), from.AddMinutes(-20), to, to.AddMinutes(30)];

        await using (var db = hosts[provider].CreateDbContext())
        {
            var times = inside.Concat(outside).ToList();
            for (var i = 0; i < times.Count; i++)
            {
                var enrollment = new Enrollment { CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = i + 2, EnteredAt = times[i] };
                db.Add(enrollment);
                await db.SaveChangesAsync(Ct);
                var send = Send.Schedule(graph.Company.Id, graph.Playbook.Id, graph.Step.Id, enrollment.Id, MessageChannel.Push, times[i]);
                send.Claim(times[i].AddMinutes(1));
                send.MarkSent(times[i], null);
                if (i % 2 == 1) send.RecordClick(times[i]);
                db.Add(send);
            }
            await db.SaveChangesAsync(Ct);
        }

        var overview = await hosts[provider].Get<AnalyticsQueries>().GetOverviewAsync(graph.Company.Id, new AnalyticsWindow(from, to), Ct);

        Assert.Equal(inside.Length, overview!.Current.Sends);
        Assert.Equal(inside.Length, overview.Daily.Sum(d => d.Sends));
        Assert.Equal(inside.Length, Assert.Single(overview.Playbooks).Sends);
        Assert.Equal(inside.Length / 2, overview.Current.Clicks);
    }
}
