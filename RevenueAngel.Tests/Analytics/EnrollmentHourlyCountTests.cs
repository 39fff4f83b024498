using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// The hourly enrolment counts are kept by database triggers (per statement on PostgreSQL, per row on SQLite);
/// whatever writes the enrolments, they must equal a count of the enrolments themselves, and the figures read
/// through them must equal a count over the window.
public sealed class EnrollmentHourlyCountTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EveryWayOfWritingEnrollmentsKeepsTheHourlyCountsEqualToTheEnrollments(string provider)
    {
        var random = new Random(11);
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext()) graph = await TestGraph.CreateAsync(db);
        DateTimeOffset SomeTime() => TestGraph.At.AddMinutes(random.Next(0, 6 * 60)).AddTicks(random.Next(0, 1000));
        string?[] groups = [HoldoutSplit.Treatment, HoldoutSplit.Holdout, null];

        // Tracked inserts, several in one statement batch, some of them ended already.
        var enrollments = new List<Enrollment>();
        await using (var db = hosts[provider].CreateDbContext())
        {
            for (var i = 0; i < 60; i++)
            {
                var enrollment = new Enrollment
                {
                    CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = i + 2,
                    Group = groups[i % 3], EnteredAt = SomeTime(),
                };
                if (i % 5 == 0) enrollment.Convert(enrollment.EnteredAt.AddMinutes(random.Next(1, 300)));
                db.Add(enrollment);
                enrollments.Add(enrollment);
            }
            await db.SaveChangesAsync(Ct);
        }

        // The goal tracker's and scheduler's paths: tracked entities ended, then set-based exits and a re-timed entry.
        await using (var db = hosts[provider].CreateDbContext())
        {
            foreach (var enrollment in enrollments.Where((_, i) => i % 5 == 1))
            {
                db.Attach(enrollment);
                enrollment.Convert(enrollment.EnteredAt.AddHours(2));
            }
            foreach (var enrollment in enrollments.Where((_, i) => i % 5 == 2))
            {
                db.Attach(enrollment);
                enrollment.Complete(enrollment.EnteredAt.AddHours(30));
            }
            await db.SaveChangesAsync(Ct);

            var exiting = enrollments.Where((_, i) => i % 5 == 3).Select(e => e.Id).ToList();
            await db.Enrollments.Where(e => exiting.Contains(e.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrollmentStatus.Exited).SetProperty(e => e.EndedAt, TestGraph.At.AddHours(7)), Ct);
            await db.Enrollments.Where(e => e.Id == enrollments[4].Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.EnteredAt, TestGraph.At.AddDays(3)), Ct);
            await db.Enrollments.Where(e => e.Id == enrollments[0].Id || e.Id == enrollments[1].Id).ExecuteDeleteAsync(Ct);
            // An update that changes no counted column changes no count.
            await db.Enrollments.Where(e => e.CompanyId == graph.Company.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.EndReason, e => e.EndReason), Ct);
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            static long HourOf(DateTimeOffset at) => at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour;
            var rows = await db.Enrollments.Where(e => e.CompanyId == graph.Company.Id).ToListAsync(Ct);
            var fromEnrollments = rows
                .Select(e => (Hour: HourOf(e.EnteredAt), e.Group, Entered: 1, Converted: e.Status == EnrollmentStatus.Converted ? 1 : 0, Ended: 0))
                .Concat(rows.Where(e => e.EndedAt is not null).Select(e => (Hour: HourOf(e.EndedAt!.Value), e.Group, Entered: 0, Converted: 0, Ended: 1)))
                .GroupBy(r => (r.Hour, Group: r.Group ?? ""))
                .Select(g => (g.Key.Hour, g.Key.Group, Entered: g.Sum(r => r.Entered), Converted: g.Sum(r => r.Converted), Ended: g.Sum(r => r.Ended)))
                .OrderBy(r => r.Hour).ThenBy(r => r.Group).ToList();
            var counted = (await db.EnrollmentHourlyCounts.Where(c => c.CompanyId == graph.Company.Id).ToListAsync(Ct))
                .Where(c => c.Entered != 0 || c.Converted != 0 || c.Ended != 0)
                .Select(c => (Hour: c.Hour.UtcTicks, c.Group, c.Entered, c.Converted, c.Ended))
                .OrderBy(r => r.Hour).ThenBy(r => r.Group).ToList();

            Assert.True(fromEnrollments.Count >= 10, $"the enrolments spread over {fromEnrollments.Count} hour-arm pairs only");
            Assert.Contains(fromEnrollments, r => r.Converted > 0);
            Assert.Contains(fromEnrollments, r => r.Group == "");
            Assert.Equal(fromEnrollments, counted);
        }
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AWindowCountsItsEnrollmentsToTheTickIncludingItsPartialFirstAndLastHours(string provider)
    {
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext()) graph = await TestGraph.CreateAsync(db);
        var from = TestGraph.At.AddMinutes(20);
        var to = from.AddDays(1);
        // (entered, ended): ended ones at the edges of the window's start decide whether they ran during it.
        (DateTimeOffset Entered, DateTimeOffset? Ended, bool Converted)[] inside =
        [
            (from, null, false), (from.AddMinutes(39), from.AddMinutes(50), true), (from.AddMinutes(40), null, false),
            (from.AddHours(5), from.AddHours(6), true), (to.AddMinutes(-20), null, false), (to.AddTicks(-1), null, false),
        ];
        (DateTimeOffset Entered, DateTimeOffset? Ended, bool Converted)[] runningIntoIt =
        [
            (from.AddDays(-2), null, false), (from.AddMinutes(-30), from, false), (from.AddHours(-3), from.AddMinutes(10), true),
        ];
        (DateTimeOffset Entered, DateTimeOffset? Ended, bool Converted)[] before =
        [
            (from.AddHours(-3), from.AddTicks(-1), true), (from.AddMinutes(-20), from.AddMinutes(-5), false), (from.AddDays(-3), from.AddDays(-2), false),
        ];
        (DateTimeOffset Entered, DateTimeOffset? Ended, bool Converted)[] after = [(to, null, false), (to.AddMinutes(30), to.AddHours(1), true)];

        await using (var db = hosts[provider].CreateDbContext())
        {
            var all = inside.Concat(runningIntoIt).Concat(before).Concat(after).ToList();
            for (var i = 0; i < all.Count; i++)
            {
                var (entered, ended, converted) = all[i];
                var enrollment = new Enrollment
                {
                    CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = i + 2,
                    Group = HoldoutSplit.Treatment, EnteredAt = entered,
                };
                if (ended is { } at)
                {
                    if (converted) enrollment.Convert(at);
                    else enrollment.Complete(at);
                }
                db.Add(enrollment);
                // The holdout's twin of each: measured, never counted among the playbook's enrolments.
                db.Add(new Enrollment
                {
                    CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = 100 + i,
                    Group = HoldoutSplit.Holdout, EnteredAt = entered,
                });
            }
            await db.SaveChangesAsync(Ct);
        }

        var overview = await hosts[provider].Get<AnalyticsQueries>().GetOverviewAsync(graph.Company.Id, new AnalyticsWindow(from, to), Ct);

        Assert.Equal(inside.Length, overview!.Current.Enrollments);
        Assert.Equal(inside.Count(e => e.Converted), overview.Current.ConvertedEnrollments);
        // The graph's own enrolment (entered 20 minutes before the window, without an arm, still running) ran into it too.
        Assert.Equal(inside.Length + runningIntoIt.Length + 1, overview.Current.ActiveEnrollments);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AGoalReachedByAPaymentOlderThanTheEnrollmentEndsItNoEarlierThanItBegan(string provider)
    {
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext()) graph = await TestGraph.CreateAsync(db);

        await using (var db = hosts[provider].CreateDbContext())
            await GoalTracker.ReachGoalAsync(db, graph.Company.Id, SubjectKind.Member, graph.Member.Id, graph.Playbook.Goal, TestGraph.At.AddHours(-1), ct: Ct);

        await using (var db = hosts[provider].CreateDbContext())
        {
            var enrollment = await db.Enrollments.SingleAsync(e => e.Id == graph.Enrollment.Id, Ct);
            Assert.Equal((EnrollmentStatus.Converted, TestGraph.At), (enrollment.Status, enrollment.EndedAt));
            var overview = await hosts[provider].Get<AnalyticsQueries>().GetOverviewAsync(graph.Company.Id, new AnalyticsWindow(TestGraph.At, TestGraph.At.AddDays(1)), Ct);
            Assert.Equal((1, 1, 1), (overview!.Current.Enrollments, overview.Current.ConvertedEnrollments, overview.Current.ActiveEnrollments));
        }
    }
}
