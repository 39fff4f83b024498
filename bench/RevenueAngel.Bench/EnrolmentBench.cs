using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Bench;

/// Enrolment of every member of the seeded company into its 3-step playbook through the real SegmentEnroller, against
/// a baseline measured in the same run on the same tables: a hand-written `INSERT … SELECT` of the same enrolments (same
/// audience, a 10% holdout) and of their sends, in one transaction, into a copy of the playbook. Baseline first, so the
/// real path runs on the larger tables.
internal static class EnrolmentBench
{
    public static async Task RunAsync(IServiceProvider services, string connectionString, string companyId, long playbookId)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>();
        var copy = await CopyPlaybookAsync(contexts, playbookId);
        var offsets = await StepOffsetsAsync(contexts, copy);

        var baseline = await Measured.RunAsync(() => HandWrittenAsync(connectionString, companyId, copy, offsets));
        await AnalyzeAsync(connectionString);
        var enroller = services.GetRequiredService<SegmentEnroller>();
        var enrol = await Measured.RunAsync(async () => (await enroller.EnrollAsync(playbookId)) is var run ? (Enrolled: run.Enrolled, Sends: run.SendsScheduled) : default);
        var again = await Measured.RunAsync(async () => (await enroller.EnrollAsync(playbookId)) is var run ? (Enrolled: run.Enrolled, Sends: run.SendsScheduled) : default);

        Console.WriteLine($"baseline: hand-written INSERT … SELECT  {baseline.Ms,8:N0} ms  ({baseline.Result.Enrolled:N0} enrolled, {baseline.Result.Sends:N0} sends)  peak {baseline.PeakMb:N0} MB");
        Console.WriteLine($"enrol + schedule 3 steps                {enrol.Ms,8:N0} ms  ({enrol.Result.Enrolled:N0} enrolled, {enrol.Result.Sends:N0} sends)  = {enrol.Ms / baseline.Ms:N2} × baseline  peak {enrol.PeakMb:N0} MB");
        Console.WriteLine($"second run (nothing new)                {again.Ms,8:N0} ms  ({again.Result.Enrolled:N0} enrolled)  = {again.Ms / baseline.Ms:N2} × baseline  peak {again.PeakMb:N0} MB");
    }

    /// The same audience as the playbook's rules (plan in basic/pro, membership active, tenure ≥ 0 days), one statement
    /// for the enrolments and one for the sends of every step.
    private static async Task<(int Enrolled, int Sends)> HandWrittenAsync(string connectionString, string companyId, long playbookId,
        IReadOnlyList<(long StepId, TimeSpan Offset)> offsets)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var enrol = new NpgsqlCommand("""
            INSERT INTO enrollments (company_id, playbook_id, subject_kind, subject_id, entry_number, status, "group", entered_at)
            SELECT m.company_id, @playbook, 'member', m.id, 1, 'active',
                   CASE WHEN abs(hashtext(@playbook::text || ':' || m.id::text)) % 100 < 10 THEN 'holdout' ELSE 'treatment' END, now()
            FROM members m
            WHERE m.company_id = @company AND m.created_at <= now()
              AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.status = 'active'
                          AND ms.plan_id IN ('basic_' || @company, 'pro_' || @company))
            ON CONFLICT DO NOTHING
            """, connection, transaction) { CommandTimeout = 600 };
        enrol.Parameters.AddWithValue("playbook", playbookId);
        enrol.Parameters.AddWithValue("company", companyId);
        var enrolled = await enrol.ExecuteNonQueryAsync();
        await using var sends = new NpgsqlCommand("""
            INSERT INTO sends (company_id, playbook_id, step_id, enrollment_id, channel, status, scheduled_for, attempts, click_count)
            SELECT e.company_id, e.playbook_id, st.step_id, e.id, 'push', 'scheduled', e.entered_at + st.offset_by, 0, 0
            FROM enrollments e CROSS JOIN unnest(@steps, @offsets) AS st(step_id, offset_by)
            WHERE e.playbook_id = @playbook AND e."group" <> 'holdout'
            ON CONFLICT DO NOTHING
            """, connection, transaction) { CommandTimeout = 600 };
        sends.Parameters.AddWithValue("playbook", playbookId);
        sends.Parameters.AddWithValue("steps", offsets.Select(o => o.StepId).ToArray());
        sends.Parameters.AddWithValue("offsets", offsets.Select(o => o.Offset).ToArray());
        var scheduled = await sends.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return (enrolled, scheduled);
    }

    private static async Task<long> CopyPlaybookAsync(IDbContextFactory<RevenueAngelDbContext> contexts, long playbookId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var original = await db.Playbooks.AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == playbookId);
        var copy = new Playbook
        {
            CompanyId = original.CompanyId, Name = original.Name + " (hand-written)", Type = original.Type, Enabled = false,
            HoldoutPercent = original.HoldoutPercent, CreatedAt = original.CreatedAt, TargetRules = original.TargetRules,
        };
        foreach (var step in original.Steps)
            copy.Steps.Add(new PlaybookStep { Position = step.Position, DelayMinutes = step.DelayMinutes, Channel = step.Channel, TemplateId = step.TemplateId });
        db.Playbooks.Add(copy);
        await db.SaveChangesAsync();
        return copy.Id;
    }

    private static async Task<IReadOnlyList<(long StepId, TimeSpan Offset)>> StepOffsetsAsync(IDbContextFactory<RevenueAngelDbContext> contexts, long playbookId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == playbookId);
        return [.. EntryRules.StepOffsets(playbook).Select(s => (s.Step.Id, s.Offset))];
    }

    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }
}

/// Wall time of one run, and the process's peak working set during it (sampled every 10 ms).
internal static class Measured
{
    public static async Task<(double Ms, T Result, double PeakMb)> RunAsync<T>(Func<Task<T>> action)
    {
        using var sampler = new PeakMemory();
        var watch = Stopwatch.StartNew();
        var result = await action();
        var ms = watch.Elapsed.TotalMilliseconds;
        return (ms, result, sampler.StopMb());
    }
}

internal sealed class PeakMemory : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakMemory()
    {
        _peak = Environment.WorkingSet;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = Environment.WorkingSet;
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                try { await Task.Delay(10, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public double StopMb()
    {
        _stop.Cancel();
        _sampling.Wait();
        return Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet) / 1024d / 1024d;
    }

    public void Dispose() => _stop.Dispose();
}
