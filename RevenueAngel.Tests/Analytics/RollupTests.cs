using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// The rollups the dashboard and the Analytics page read (each enrolment's revenue and its arm's hourly sums, the
/// channel × outcome hourly counts, the conversions' hourly counts, the conversions' copy of their send's sent-at) are
/// kept by database triggers.
/// After a mixed stream of writes, every figure read through them must equal the figure computed from the raw rows.
public sealed class RollupTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static readonly DateTimeOffset At = TestGraph.At;
    private static readonly AnalyticsWindow Window = new(At.AddMinutes(20), At.AddDays(2).AddMinutes(17));
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AfterConversionsRefundsReplaysAndReattributionsTheRollupFiguresEqualTheRawRows(string provider)
    {
        var host = hosts[provider];
        var world = await RollupWorld.CreateAsync(host, Ct);
        await world.PlayMixedStreamAsync(Ct);

        await using var db = host.CreateDbContext();
        var raw = await RawRows.LoadAsync(db, world.CompanyId, Ct);

        // Each enrolment's revenue.
        var stored = await db.Enrollments.Where(e => e.CompanyId == world.CompanyId).ToDictionaryAsync(e => e.Id, e => e.RevenueCents, Ct);
        Assert.Equal(raw.Enrollments.ToDictionary(e => e.Id, raw.RevenueOf), stored);
        Assert.True(stored.Values.Count(v => v != 0) >= 4, "the stream gave too few enrolments revenue to test anything");

        // Its arm's hourly sums.
        var arms = (await db.EnrollmentHourlyCounts.Where(c => c.CompanyId == world.CompanyId).ToListAsync(Ct))
            .GroupBy(c => (c.PlaybookId, c.Group)).ToDictionary(g => g.Key, g => (g.Sum(c => c.RevenueCents), g.Sum(c => c.RevenueSquares)));
        var rawArms = raw.Enrollments.GroupBy(e => (e.PlaybookId, e.Group ?? ""))
            .ToDictionary(g => g.Key, g => (g.Sum(raw.RevenueOf), g.Sum(e => (double)raw.RevenueOf(e) * raw.RevenueOf(e))));
        Assert.Equal(rawArms, arms);

        // The dashboard's incremental revenue.
        var incremental = await host.Get<ExperimentReport>().IncrementalRevenueAsync(world.CompanyId, Window.From, Window.To, Ct);
        var expected = ExperimentReport.IncrementalRevenueOf(raw.Enrollments
            .Where(e => e.EnteredAt >= Window.From && e.EnteredAt < Window.To && e.Group is HoldoutSplit.Holdout or HoldoutSplit.Treatment)
            .GroupBy(e => e.PlaybookId)
            .Select(g => (raw.Arm(g, HoldoutSplit.Holdout), raw.Arm(g, HoldoutSplit.Treatment))));
        Assert.True(expected.Playbooks > 0);
        Assert.Equal(expected, incremental);

        // The channel table, hour by hour and over a window with partial hours at both ends.
        var channelHours = (await db.SendChannelHourlyCounts.Where(c => c.CompanyId == world.CompanyId && c.Sends != 0).ToListAsync(Ct))
            .Select(c => (c.Hour.UtcTicks, c.Channel, c.Outcome, c.Sends)).OrderBy(c => c).ToList();
        var rawChannelHours = raw.Sends.GroupBy(s => (Hour: Hour(s.SentAt ?? s.ScheduledFor), s.Channel, Outcome: OutcomeOf(s.Status)))
            .Select(g => (g.Key.Hour, g.Key.Channel, g.Key.Outcome, Sends: g.Count())).OrderBy(c => c).ToList();
        Assert.Equal(rawChannelHours, channelHours);
        var channels = await host.Get<ChannelReport>().ReadAsync(world.CompanyId, Window, Ct);
        var inWindow = raw.Sends.Where(s => (s.SentAt ?? s.ScheduledFor) >= Window.From && (s.SentAt ?? s.ScheduledFor) < Window.To).ToList();
        foreach (var channel in new[] { MessageChannel.Push, MessageChannel.Email })
        {
            var of = inWindow.Where(s => s.Channel == channel).ToList();
            Assert.Equal(new ChannelFigures(channel, of.Count, of.Count(s => s.Status is SendStatus.Sent or SendStatus.Unknown),
                of.Count(s => s.Status == SendStatus.Failed), of.Count(s => s.Status == SendStatus.Canceled), 0), channels.Single(c => c.Channel == channel));
        }

        // The conversions' hourly counts, hour by hour, and the overview's revenue figures read through them over a
        // window with partial hours at both ends (one conversion in each).
        var conversionHours = (await db.ConversionHourlyCounts.Where(c => c.CompanyId == world.CompanyId && c.Conversions != 0).ToListAsync(Ct))
            .Select(c => (c.Hour.UtcTicks, c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy, c.Conversions, c.RevenueCents, c.NetCents))
            .OrderBy(c => c).ToList();
        var rawConversionHours = raw.Conversions
            .GroupBy(c => (Hour: Hour(c.CreatedAt), c.Type, PlaybookId: c.AttributedPlaybookId ?? 0, c.Currency, c.State,
                RecoveredBy: c.RecoveredBy is { } by ? Core.Persistence.StoredEnum<RecoverySource>.ToText(by) : ""))
            .Select(g => (g.Key.Hour, g.Key.Type, g.Key.PlaybookId, g.Key.Currency, g.Key.State, g.Key.RecoveredBy, g.Count(),
                g.Sum(c => c.RevenueCents), g.Sum(c => c.State == ConversionState.Confirmed ? c.RevenueCents + raw.AdjustedOf(c) : 0)))
            .OrderBy(c => c).ToList();
        Assert.Equal(rawConversionHours, conversionHours);
        var overview = await host.Get<AnalyticsQueries>().GetOverviewAsync(world.CompanyId, Window, Ct);
        var windowed = raw.Conversions.Where(c => c.CreatedAt >= Window.From && c.CreatedAt < Window.To).ToList();
        Assert.Contains(windowed, c => c.CreatedAt < Hours.Ceiling(Window.From));
        Assert.Contains(windowed, c => c.CreatedAt >= Hours.Floor(Window.To));
        Assert.Contains(windowed, c => c.ConfirmedByPaymentId is not null && raw.NetOf(c) == 0);
        Assert.Equal(Enum.GetValues<ConversionType>().ToDictionary(t => t, t => windowed.Count(c => c.Type == t)), overview!.Current.ConversionsByType);
        Assert.Equal(windowed.Where(c => c.AttributedPlaybookId is not null).Sum(raw.NetOf), overview.Current.InfluencedRevenueCents);
        Assert.Equal(windowed.Sum(raw.NetOf), overview.Daily.Sum(d => d.RevenueCents.Values.Sum()));
        Assert.Equal(windowed.GroupBy(c => DateOnly.FromDateTime(c.CreatedAt.UtcDateTime)).Where(g => g.Sum(raw.NetOf) != 0)
                .ToDictionary(g => g.Key, g => g.Sum(raw.NetOf)),
            overview.Daily.Where(d => d.RevenueCents.Values.Sum() != 0).ToDictionary(d => d.Day, d => d.RevenueCents.Values.Sum()));
        foreach (var performance in overview.Playbooks)
        {
            var credited = windowed.Where(c => c.AttributedPlaybookId == performance.PlaybookId).ToList();
            Assert.Equal((credited.Count, credited.Sum(raw.NetOf)), (performance.Conversions, performance.RevenueCents));
        }
        var churnSave = overview.ChurnSave!;
        List<Conversion> Of(ConversionType type, Func<Conversion, bool> which) => [.. windowed.Where(c => c.Type == type && which(c))];
        var (ours, whops) = (Of(ConversionType.Recovery, c => c.RecoveredBy == RecoverySource.Ours), Of(ConversionType.Recovery, c => c.RecoveredBy != RecoverySource.Ours));
        var confirmedSaves = Of(ConversionType.Save, c => c.State == ConversionState.Confirmed);
        Assert.Equal((ours.Count, ours.Sum(raw.NetOf), whops.Count, whops.Sum(raw.NetOf), confirmedSaves.Count, confirmedSaves.Sum(raw.NetOf),
                Of(ConversionType.WinBack, _ => true).Count, Of(ConversionType.WinBack, _ => true).Sum(raw.NetOf)),
            (churnSave.RecoveredByUs, churnSave.RecoveredByUsCents, churnSave.RecoveredByWhop, churnSave.RecoveredByWhopCents,
                churnSave.SavesConfirmed, churnSave.SavesConfirmedCents, churnSave.WinBacks, churnSave.WinBackCents));
        Assert.True(ours.Count > 0 && whops.Count > 0 && confirmedSaves.Count > 0);

        // The step funnel's conversions: those credited to the window's sends, net of refunds.
        foreach (var playbookId in world.PlaybookIds)
        {
            var report = await host.Get<AnalyticsQueries>().GetPlaybookAsync(world.CompanyId, playbookId, Window, Ct);
            var credited = raw.Conversions
                .Where(c => c.AttributedPlaybookId == playbookId && raw.SendOf(c) is { SentAt: { } sentAt } && sentAt >= Window.From && sentAt < Window.To)
                .ToList();
            var rawSteps = credited.GroupBy(c => c.AttributedStepId!.Value).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(raw.NetOf)));
            Assert.Equal(rawSteps, report!.Steps.Where(s => s.Converted > 0).ToDictionary(s => s.StepId, s => (s.Converted, s.RevenueCents)));
        }
        Assert.True(raw.Conversions.Count(c => c.AttributedSentAt is not null) >= 3);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task MemberAndMembershipCountsFollowEveryWriteAndTheSummaryReadsThem(string provider)
    {
        var host = hosts[provider];
        var world = await RollupWorld.CreateAsync(host, Ct);
        await world.PlayMixedStreamAsync(Ct);
        string cheaper;
        await using (var db = host.CreateDbContext())
        {
            // A second plan, members arriving and leaving, memberships that start, change status and plan, and end.
            cheaper = $"plan_{world.CompanyId}_basic";
            db.Add(new Core.Billing.Plan { Id = cheaper, CompanyId = world.CompanyId, Title = "Basic", RenewalPriceCents = 900, BillingPeriodDays = 30 });
            var arrivals = Enumerable.Range(0, 4).Select(i => new Member { CompanyId = world.CompanyId, WhopUserId = $"user_{world.CompanyId}_count_{i}", CreatedAt = At })
                .ToList();
            db.AddRange(arrivals);
            await db.SaveChangesAsync(Ct);
            var statuses = new[] { MembershipStatuses.Active, MembershipStatuses.Trialing, MembershipStatuses.PastDue, MembershipStatuses.Active };
            db.AddRange(arrivals.Select((m, i) => new Membership
            {
                Id = $"mem_{world.CompanyId}_count_{i}", CompanyId = world.CompanyId, MemberId = m.Id, PlanId = cheaper, Status = statuses[i], CreatedAt = At, UpdatedAt = At,
            }));
            await db.SaveChangesAsync(Ct);
            await db.Memberships.Where(m => m.Id == $"mem_{world.CompanyId}_count_1").ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatuses.Active), Ct);
            await db.Memberships.Where(m => m.Id == $"mem_{world.CompanyId}_count_2").ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatuses.Canceled), Ct);
            await db.Memberships.Where(m => m.Id == $"mem_{world.CompanyId}_count_3").ExecuteDeleteAsync(Ct);
            await db.Members.Where(m => m.Id == arrivals[3].Id).ExecuteDeleteAsync(Ct);
        }

        await using var check = host.CreateDbContext();
        var rawMembers = await check.Members.CountAsync(m => m.CompanyId == world.CompanyId, Ct);
        Assert.Equal(rawMembers, await check.MemberCounts.Where(c => c.CompanyId == world.CompanyId).Select(c => c.Members).SingleAsync(Ct));
        var rawMemberships = (await check.Memberships.Where(m => m.CompanyId == world.CompanyId).Select(m => new { m.PlanId, m.Status }).ToListAsync(Ct))
            .GroupBy(m => (m.PlanId, m.Status)).ToDictionary(g => g.Key, g => g.Count());
        var counted = await check.MembershipCounts.Where(c => c.CompanyId == world.CompanyId && c.Memberships != 0)
            .ToDictionaryAsync(c => (c.PlanId, c.Status), c => c.Memberships, Ct);
        Assert.Equal(rawMemberships, counted);
        Assert.True(rawMemberships.Keys.Count(k => k.PlanId == cheaper) >= 2, "the writes left too few plan × status counts to test anything");

        var summary = await host.Get<DashboardQueries>().GetSummaryAsync(world.CompanyId, Window, Ct);
        Assert.Equal(rawMembers, summary!.Members);
        Assert.Equal(rawMemberships.Where(m => m.Key.Status is MembershipStatuses.Active or MembershipStatuses.Trialing or MembershipStatuses.Canceling)
            .Sum(m => m.Value), summary.ActiveMemberships);
    }

    [Fact]
    public async Task TwoTransactionsWritingAMemberAndAConversionInOppositeOrdersBothCommit()
    {
        var host = hosts[BothProvidersFixture.Postgres];
        // Two members paying: the webhook claim never gives one member's events to two batches at once.
        var (graph, other) = await GraphWithSecondMemberAsync(host);
        Member Arrival(string id) => new() { CompanyId = graph.Company.Id, WhopUserId = $"user_{graph.Company.Id}_{id}", CreatedAt = At };
        Conversion Paid(string id) => new()
        {
            CompanyId = graph.Company.Id, MemberId = id == "a" ? graph.Member.Id : other.Id, WhopPaymentId = $"pay_{graph.Company.Id}_{id}", Type = ConversionType.FirstPurchase,
            RevenueCents = 1000, CreatedAt = At.AddHours(1),
        };

        // Each stages a member and a conversion of the same company, in opposite orders, and a third transaction holds
        // the company's member count row until both commits wait on it: at commit each folds the count rows both need,
        // and folded in staging order the first would then hold the member count the second waits for, and wait for
        // the conversion count the second holds.
        await using var first = host.CreateDbContext();
        await using var second = host.CreateDbContext();
        await using var holder = host.CreateDbContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Ct);
        first.Add(Arrival("a"));
        await first.SaveChangesAsync(Ct);
        first.Add(Paid("a"));
        await first.SaveChangesAsync(Ct);
        second.Add(Paid("b"));
        await second.SaveChangesAsync(Ct);
        second.Add(Arrival("b"));
        await second.SaveChangesAsync(Ct);
        var (firstBackend, secondBackend) = (await BackendAsync(first), await BackendAsync(second));
        await using var held = await holder.Database.BeginTransactionAsync(Ct);
        await holder.Database.ExecuteSqlAsync($"SELECT 1 FROM member_counts WHERE company_id = {graph.Company.Id} FOR UPDATE", Ct);

        var firstCommit = firstTransaction.CommitAsync(Ct);
        await WaitUntilBlockedAsync(host, firstBackend, Ct);
        var secondCommit = secondTransaction.CommitAsync(Ct);
        await WaitUntilBlockedAsync(host, secondBackend, Ct);
        await held.RollbackAsync(Ct);
        await firstCommit;
        await secondCommit;

        await using var check = host.CreateDbContext();
        Assert.Equal(await check.Members.CountAsync(m => m.CompanyId == graph.Company.Id, Ct),
            await check.MemberCounts.Where(c => c.CompanyId == graph.Company.Id).Select(c => c.Members).SingleAsync(Ct));
        Assert.Equal(2, await check.ConversionHourlyCounts.Where(c => c.CompanyId == graph.Company.Id).SumAsync(c => c.Conversions, Ct));
        Assert.Equal(0, await check.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM member_count_changes").SingleAsync(Ct));
    }

    [Fact]
    public async Task TwoTransactionsWritingConversionsOfTheSameHoursInOppositeOrdersBothCommit()
    {
        var host = hosts[BothProvidersFixture.Postgres];
        // Two members paying: the webhook claim never gives one member's events to two batches at once.
        var (graph, other) = await GraphWithSecondMemberAsync(host);
        var (early, late) = (At.AddHours(1), At.AddHours(2));
        Conversion Paid(string id, DateTimeOffset at) => new()
        {
            CompanyId = graph.Company.Id, MemberId = id is "2" or "4" ? other.Id : graph.Member.Id, WhopPaymentId = $"pay_{graph.Company.Id}_{id}", Type = ConversionType.FirstPurchase,
            RevenueCents = 1000, CreatedAt = at,
        };

        // Two webhook batches, each a transaction of one statement per event, taking the same hours in opposite orders.
        await using var first = host.CreateDbContext();
        await using var second = host.CreateDbContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Ct);
        first.Add(Paid("1", early));
        await first.SaveChangesAsync(Ct);
        second.Add(Paid("2", late));
        await second.SaveChangesAsync(Ct);
        // Each would now wait for the other's hour row, were the counts written statement by statement.
        first.Add(Paid("3", late));
        var firstLate = first.SaveChangesAsync(Ct);
        second.Add(Paid("4", early));
        await second.SaveChangesAsync(Ct);
        await firstLate;
        await firstTransaction.CommitAsync(Ct);
        await secondTransaction.CommitAsync(Ct);

        await using var check = host.CreateDbContext();
        var counted = await check.ConversionHourlyCounts.Where(c => c.CompanyId == graph.Company.Id)
            .ToDictionaryAsync(c => c.Hour, c => (c.Conversions, c.NetCents), Ct);
        Assert.Equal(new Dictionary<DateTimeOffset, (int, long)> { [early] = (2, 2000), [late] = (2, 2000) }, counted);
        Assert.Equal(0, await check.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM conversion_hourly_changes").SingleAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task DeletingACompanyWithConversionsTakesItsCountsAlong(string provider)
    {
        var host = hosts[provider];
        var company = new Core.Companies.Company { Id = $"biz_{Guid.NewGuid():N}"[..16], Name = "Leaving", InstalledAt = At };
        await using (var db = host.CreateDbContext())
        {
            var member = new Member { CompanyId = company.Id, WhopUserId = $"user_{company.Id}", CreatedAt = At };
            db.AddRange(company, member);
            await db.SaveChangesAsync(Ct);
            db.Add(new Conversion { CompanyId = company.Id, MemberId = member.Id, WhopPaymentId = $"pay_{company.Id}", RevenueCents = 900, CreatedAt = At });
            await db.SaveChangesAsync(Ct);
            Assert.Equal(1, await db.ConversionHourlyCounts.Where(c => c.CompanyId == company.Id).SumAsync(c => c.Conversions, Ct));
        }

        // The cascade deletes the conversions, whose triggers then count them out of rows the same cascade removed.
        await using (var db = host.CreateDbContext())
            await db.Companies.Where(c => c.Id == company.Id).ExecuteDeleteAsync(Ct);

        await using var check = host.CreateDbContext();
        Assert.False(await check.Conversions.AnyAsync(c => c.CompanyId == company.Id, Ct));
        Assert.False(await check.ConversionHourlyCounts.AnyAsync(c => c.CompanyId == company.Id, Ct));
        Assert.False(await check.MemberCounts.AnyAsync(c => c.CompanyId == company.Id, Ct));
    }

    private static async Task<(TestGraph Graph, Member Other)> GraphWithSecondMemberAsync(CoreHost host)
    {
        await using var db = host.CreateDbContext();
        var graph = await TestGraph.CreateAsync(db);
        var other = new Member { CompanyId = graph.Company.Id, WhopUserId = $"{graph.Member.WhopUserId}_2", CreatedAt = At };
        db.Add(other);
        await db.SaveChangesAsync(Ct);
        return (graph, other);
    }

    private static async Task<int> BackendAsync(Core.Persistence.RevenueAngelDbContext db) =>
        await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(Ct);

    private static async Task WaitUntilBlockedAsync(CoreHost host, int backend, CancellationToken ct)
    {
        await using var db = host.CreateDbContext();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE pid = {backend} AND wait_event_type = 'Lock'")
                    .SingleAsync(ct) > 0) return;
            await Task.Delay(25, ct);
        }
        throw new TimeoutException($"backend {backend} never waited for a lock");
    }

    private static long Hour(DateTimeOffset at) => at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour;

    private static ChannelOutcome OutcomeOf(SendStatus status) => status switch
    {
        SendStatus.Sent or SendStatus.Unknown => ChannelOutcome.Delivered,
        SendStatus.Failed => ChannelOutcome.Failed,
        SendStatus.Canceled => ChannelOutcome.Canceled,
        _ => ChannelOutcome.Pending,
    };

    /// The base tables as they are, and the figures computed from them the long way.
    private sealed record RawRows(List<Enrollment> Enrollments, List<Conversion> Conversions, List<Send> Sends, List<RevenueAdjustment> Adjustments,
        List<Member> Members, List<Lead> Leads)
    {
        public static async Task<RawRows> LoadAsync(Core.Persistence.RevenueAngelDbContext db, string companyId, CancellationToken ct) => new(
            await db.Enrollments.AsNoTracking().Where(e => e.CompanyId == companyId).ToListAsync(ct),
            await db.Conversions.AsNoTracking().Where(c => c.CompanyId == companyId).ToListAsync(ct),
            await db.Sends.AsNoTracking().Where(s => s.CompanyId == companyId).ToListAsync(ct),
            await db.RevenueAdjustments.AsNoTracking().Where(a => a.CompanyId == companyId).ToListAsync(ct),
            await db.Members.AsNoTracking().Where(m => m.CompanyId == companyId).ToListAsync(ct),
            await db.Leads.AsNoTracking().Where(l => l.CompanyId == companyId).ToListAsync(ct));

        public long AdjustedOf(Conversion c) => Adjustments.Where(a => a.ConversionId == c.Id).Sum(a => a.AmountCents);

        public Send? SendOf(Conversion c) => Sends.SingleOrDefault(s => s.Id == c.AttributedSendId);

        /// As the funnel counts it: a pending or lost save keeps nothing, nor a save confirmed by a payment that is a conversion itself.
        public long NetOf(Conversion c) => c.State != ConversionState.Confirmed
            || (c.ConfirmedByPaymentId is { } by && Conversions.Any(o => o.WhopPaymentId == by)) ? 0 : c.RevenueCents + AdjustedOf(c);

        public long RevenueOf(Enrollment e)
        {
            var memberId = e.SubjectKind == SubjectKind.Member ? e.SubjectId
                : Leads.SingleOrDefault(l => l.Id == e.SubjectId)?.WhopUserId is { } user ? Members.SingleOrDefault(m => m.WhopUserId == user)?.Id : null;
            return Conversions.Where(c => memberId is not null && c.MemberId == memberId && c.CreatedAt >= e.EnteredAt && c.CreatedAt <= (e.EndedAt ?? DateTimeOffset.MaxValue))
                .Sum(c => (c.State == ConversionState.Confirmed ? c.RevenueCents : 0) + AdjustedOf(c));
        }

        public ArmSummary Arm(IEnumerable<Enrollment> enrollments, string group)
        {
            var of = enrollments.Where(e => e.Group == group).ToList();
            return new ArmSummary(group, of.Count, of.Count(e => e.Status == EnrollmentStatus.Converted), of.Sum(e => (double)RevenueOf(e)),
                of.Sum(e => (double)RevenueOf(e) * RevenueOf(e)));
        }
    }
}
