using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Bench;

/// The revenue dashboard and the Analytics page of a company with 1M sends and 100k conversions (120 days of history,
/// three playbooks), for 30 and 90 days, against a baseline in the same run: hand-written SQL of the same figures
/// (AnalyticsBaseline).
public static class AnalyticsBench
{
    public static async Task RunAsync(IServiceProvider services, string connectionString, int sends = 1_000_000, int conversions = 100_000)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>();
        var seed = Stopwatch.StartNew();
        // RA_BENCH_ANALYTICS_COMPANY reuses a company seeded by an earlier run on the same RA_BENCH_POSTGRES (seeding takes minutes).
        var companyId = Environment.GetEnvironmentVariable("RA_BENCH_ANALYTICS_COMPANY") is { Length: > 0 } seeded ? seeded
            : await SeedAsync(connectionString, contexts, sends, conversions);
        Console.WriteLine($"Analytics: seeded {sends:N0} sends and {conversions:N0} conversions in {seed.Elapsed.TotalSeconds:N0} s (company {companyId}).");

        var dashboard = services.GetRequiredService<RevenueDashboard>();
        var analytics = services.GetRequiredService<AnalyticsQueries>();
        var playbookId = await FirstPlaybookAsync(contexts, companyId);
        var now = DateTimeOffset.UtcNow;

        var channels = services.GetRequiredService<ChannelReport>();
        foreach (var days in new[] { 30, 90 })
        {
            var window = AnalyticsWindow.LastDays(days, now);
            var baseline = await MedianAsync(() => AnalyticsBaseline.RunAsync(connectionString, companyId, window.From, window.To));
            var board = await MedianAsync(async () => (await dashboard.LoadAsync(companyId, days))!.Overview.Current.Sends);
            // The Analytics page: the overview, the selected playbook's report and funnel, the channel table.
            var page = await MedianAsync(async () =>
            {
                var overview = analytics.GetOverviewAsync(companyId, window);
                var report = analytics.GetPlaybookAsync(companyId, playbookId, window);
                var channel = channels.ReadAsync(companyId, window);
                await Task.WhenAll(overview, report, channel);
                return overview.Result!.Current.Sends;
            });
            Console.WriteLine($"baseline: hand-written SQL, {days} days      {baseline.Ms,8:N1} ms  ({baseline.Result:N0} sent in window)  peak {baseline.PeakMb:N0} MB");
            Console.WriteLine($"revenue dashboard, {days} days            {board.Ms,8:N1} ms  ({board.Result:N0} sent in window)  = {board.Ms / baseline.Ms:N2} × baseline  peak {board.PeakMb:N0} MB");
            Console.WriteLine($"analytics page, {days} days               {page.Ms,8:N1} ms  ({page.Result:N0} sent in window)  = {page.Ms / baseline.Ms:N2} × baseline  peak {page.PeakMb:N0} MB");
            var summary = await MedianAsync(async () => (await services.GetRequiredService<DashboardQueries>().GetSummaryAsync(companyId, window))!.Members);
            var overviewOnly = await MedianAsync(async () => (await analytics.GetOverviewAsync(companyId, window))!.Current.Sends);
            var recent = await MedianAsync(async () => (await services.GetRequiredService<ConversionFeed>().RecentAsync(companyId)).Count);
            var incremental = await MedianAsync(async () =>
                (await services.GetRequiredService<Core.Experiments.ExperimentReport>().IncrementalRevenueAsync(companyId, window.From, window.To)).Playbooks);
            var funnel = await MedianAsync(async () => (await analytics.GetPlaybookAsync(companyId, playbookId, window))!.Totals.Sends);
            var channel = await MedianAsync(async () => (await channels.ReadAsync(companyId, window)).Count);
            Console.WriteLine($"  of which: summary {summary.Ms:N1} ms, overview {overviewOnly.Ms:N1} ms, recent conversions {recent.Ms:N1} ms, " +
                $"incremental revenue {incremental.Ms:N1} ms, playbook report + funnel {funnel.Ms:N1} ms, channels {channel.Ms:N1} ms");
        }
    }

    /// One warm-up, then the median of nine runs (single runs of the same read spread by ±40% on two cores), with the process's peak working set over them.
    private static async Task<(double Ms, int Result, double PeakMb)> MedianAsync(Func<Task<int>> action)
    {
        await action();
        var runs = new List<(double Ms, int Result, double PeakMb)>();
        for (var i = 0; i < 9; i++) runs.Add(await Measured.RunAsync(action));
        var median = runs.OrderBy(r => r.Ms).ElementAt(runs.Count / 2);
        return (median.Ms, median.Result, runs.Max(r => r.PeakMb));
    }

    private static async Task<long> FirstPlaybookAsync(IDbContextFactory<RevenueAngelDbContext> contexts, string companyId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Playbooks.Where(p => p.CompanyId == companyId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    private static async Task<string> SeedAsync(string connectionString, IDbContextFactory<RevenueAngelDbContext> contexts, int sends, int conversions)
    {
        const int members = 100_000;
        var companyId = $"biz_ana_{Guid.NewGuid():N}"[..24];
        var now = DateTimeOffset.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Companies.Add(new Company { Id = companyId, Name = "Analytics bench", InstalledAt = now.AddDays(-200) });
            var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi", Body = "Body" };
            db.Add(template);
            await db.SaveChangesAsync();
            foreach (var type in new[] { PlaybookType.Nurture, PlaybookType.Upsell, PlaybookType.ChurnSave })
            {
                var playbook = new Playbook { CompanyId = companyId, Name = type.ToString(), Type = type, Enabled = true, CreatedAt = now.AddDays(-200) };
                for (var position = 1; position <= 3; position++)
                    playbook.Steps.Add(new PlaybookStep { Position = position, Channel = MessageChannel.Push, TemplateId = template.Id });
                db.Add(playbook);
            }
            await db.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY members (company_id, whop_user_id, name, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < members; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(companyId, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"user_{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"Member {i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now.AddDays(-200), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }

        // Three steps per enrolment; enrolments spread over 120 days, a tenth holdout, a tenth converted.
        var enrollments = (sends + 2) / 3;
        foreach (var sql in new[]
        {
            $"""
            INSERT INTO enrollments (company_id, playbook_id, subject_kind, subject_id, entry_number, status, "group", entered_at, ended_at)
            SELECT @company, p.ids[i % 3 + 1], 'member', m.first + (i / 3) % {members}, (i / 3) / {members} + 1,
                   CASE WHEN i % 10 = 0 THEN 'converted' WHEN i % 10 < 5 THEN 'active' ELSE 'completed' END,
                   CASE WHEN i % 10 = 9 THEN 'holdout' ELSE 'treatment' END,
                   now() - (i % 120) * interval '1 day' - (i % 1440) * interval '1 minute',
                   CASE WHEN i % 10 < 5 AND i % 10 <> 0 THEN NULL ELSE now() - (i % 120) * interval '1 day' + interval '2 days' END
            FROM generate_series(0, {enrollments - 1}) i,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM playbooks WHERE company_id = @company) p,
                 (SELECT min(id) AS first FROM members WHERE company_id = @company) m
            """,
            $"""
            INSERT INTO sends (company_id, playbook_id, step_id, enrollment_id, channel, status, scheduled_for, sent_at, attempts, clicked_at, click_count, title)
            SELECT e.company_id, e.playbook_id, st.id, e.id, 'push',
                   CASE WHEN e.id % 17 = 0 THEN 'scheduled' ELSE 'sent' END,
                   e.entered_at + (st.position - 1) * interval '1 day',
                   CASE WHEN e.id % 17 = 0 THEN NULL ELSE e.entered_at + (st.position - 1) * interval '1 day' END, 1,
                   CASE WHEN e.id % 17 <> 0 AND (e.id + st.position) % 3 = 0 THEN e.entered_at + (st.position - 1) * interval '1 day' + interval '1 hour' END,
                   CASE WHEN e.id % 17 <> 0 AND (e.id + st.position) % 3 = 0 THEN 1 ELSE 0 END, 'Hi'
            FROM enrollments e JOIN playbook_steps st ON st.playbook_id = e.playbook_id
            WHERE e.company_id = @company
            LIMIT {sends}
            """,
            $"""
            INSERT INTO conversions (company_id, member_id, whop_payment_id, type, revenue_cents, currency, attributed_send_id,
                                     attribution_method, attribution_window_days, created_at)
            SELECT @company, m.first + i % {members}, 'pay_' || @company || '_' || i,
                   (ARRAY['first_purchase', 'upgrade', 'recovery', 'save'])[i % 4 + 1], 1900 + (i % 5) * 1000, 'usd',
                   CASE WHEN i % 3 = 0 THEN NULL ELSE s.first + (i * 7) % {sends} END,
                   CASE WHEN i % 3 = 0 THEN 'none' ELSE 'delivery' END, 7,
                   now() - (i % 120) * interval '1 day' - (i % 1440) * interval '1 minute'
            FROM generate_series(0, {conversions - 1}) i,
                 (SELECT min(id) AS first FROM members WHERE company_id = @company) m,
                 (SELECT min(id) AS first FROM sends WHERE company_id = @company) s
            """,
            """
            UPDATE conversions c SET attributed_playbook_id = s.playbook_id, attributed_step_id = s.step_id
            FROM sends s WHERE s.id = c.attributed_send_id AND c.company_id = @company
            """,
            """
            INSERT INTO revenue_adjustments (company_id, whop_object_id, kind, whop_payment_id, conversion_id, amount_cents, currency, status, created_at, updated_at)
            SELECT company_id, 'rfnd_' || id, 'refund', whop_payment_id, id, -revenue_cents / 2, 'usd', 'succeeded', created_at + interval '1 day', created_at + interval '1 day'
            FROM conversions WHERE company_id = @company AND id % 20 = 0
            """,
            // A database in steady state: statistics known, pages all-visible for index-only scans.
            "VACUUM ANALYZE",
            // Seeding wrote a million delivered sends in one statement, each updating its hour's count row: a million
            // dead row versions in a table of a few thousand rows. Sends delivered one at a time, as the dispatcher
            // does, leave space that vacuum reuses; compact the table to the size it has in that steady state.
            "VACUUM FULL ANALYZE send_hourly_counts",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            if (sql.Contains("@company", StringComparison.Ordinal)) command.Parameters.AddWithValue("company", companyId);
            await command.ExecuteNonQueryAsync();
        }
        return companyId;
    }
}
