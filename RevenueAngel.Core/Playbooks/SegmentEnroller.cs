using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Playbooks;

public sealed record EnrollmentRun(int Enrolled, int SendsScheduled);

/// Enrols a playbook's new matches and schedules their sends with set-based statements: the audience query EF
/// builds from the target rules becomes the SELECT of one `INSERT … SELECT … ON CONFLICT DO NOTHING`, then one
/// INSERT for the sends of every step. No loop over members; running twice, or on two processes at once, adds nothing twice
/// (the unique keys on enrolments and sends decide).
public sealed partial class SegmentEnroller(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time, ILogger<SegmentEnroller> logger)
{
    private static readonly TimeSpan LateStepGrace = TimeSpan.FromHours(1);

    public async Task<EnrollmentRun> EnrollAsync(long playbookId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == playbookId, ct);
        var kind = playbook.Type.Subject();
        var (rule, problems) = TargetRulesJson.Parse(playbook.TargetRules, kind);
        if (!playbook.Enabled || playbook.DeletedAt is not null || problems.Count > 0)
        {
            if (problems.Count > 0) LogInvalidRules(playbookId, string.Join("; ", problems));
            return new EnrollmentRun(0, 0);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Event-triggered playbooks enrol in EventEnroller; here they only get sends for steps added since.
        var enrolled = playbook.Trigger == PlaybookTrigger.SegmentEntry
            ? await InsertEnrollmentsAsync(db, playbook, Candidates(db, playbook, kind, rule, now), kind, now, ct)
            : 0;
        // Thousands of rows just arrived in this transaction: fresh statistics let PostgreSQL plan the step inserts.
        if (enrolled > 1_000) await db.Dialect.RefreshStatisticsAsync(db, "enrollments", ct);
        var scheduled = await InsertSendsAsync(db, playbook, [.. EntryRules.StepOffsets(playbook)], now, ct);
        if (enrolled > 0 && kind == SubjectKind.Lead) await Leads.LeadStatuses.MarkNurturingAsync(db, playbook.CompanyId, ct);
        await transaction.CommitAsync(ct);
        return new EnrollmentRun(enrolled, scheduled);
    }

    /// Subjects that match and may enter: never enrolled here, or (with re-entry) their last pass ended long enough ago.
    private static IQueryable<EnrollmentCandidate> Candidates(RevenueAngelDbContext db, Playbook playbook, SubjectKind kind, TargetRule? rule, DateTimeOffset now)
    {
        var evaluator = new SqlRuleEvaluator(db, now);
        var playbookId = playbook.Id;
        var companyId = playbook.CompanyId;
        var mine = db.Enrollments.Where(e => e.PlaybookId == playbookId && e.SubjectKind == kind);
        var blocking = mine.Where(EntryRules.Blocks(EntryRules.ReentryCutoff(playbook, now)));
        var subjects = evaluator.Matching(companyId, kind, rule);
        return subjects
            .Where(id => !blocking.Any(e => e.SubjectId == id))
            .Select(id => new EnrollmentCandidate(id, mine.Count(e => e.SubjectId == id) + 1));
    }

    private static async Task<int> InsertEnrollmentsAsync(RevenueAngelDbContext db, Playbook playbook, IQueryable<EnrollmentCandidate> candidates,
        SubjectKind kind, DateTimeOffset now, CancellationToken ct)
    {
        // The candidates go to a temporary table first: an INSERT that reads the table it writes (NOT EXISTS over
        // enrollments) scans its own new rows again and again, quadratic at 100k. EF names the projected
        // columns as it likes; the CTE's column list gives them stable names on both providers.
        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS ra_candidates", ct);
        await using (var select = candidates.CreateDbCommand())
        {
            select.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            select.CommandText = $"""
                CREATE TEMP TABLE ra_candidates AS
                WITH c(subject_id, entry) AS (
                {select.CommandText}
                )
                SELECT subject_id, entry FROM c
                """;
            await select.ExecuteNonQueryAsync(ct);
        }

        // The holdout is HoldoutSplit's keyed SHA-256, which neither database computes: the candidates' ids are read
        // once, the held-out ones go back as one array parameter, and the insert stays a single statement.
        var held = await HeldOutAsync(db, playbook, kind, ct);
        var inserted = await ExecuteAsync(db, $"""
            INSERT INTO enrollments (company_id, playbook_id, subject_kind, subject_id, entry_number, status, "group", entered_at)
            SELECT @ra_company, @ra_playbook, @ra_kind, c.subject_id, c.entry, @ra_active,
                   CASE WHEN c.subject_id IN ({db.Dialect.EachId("ra_held")}) THEN '{HoldoutSplit.Holdout}' ELSE '{HoldoutSplit.Treatment}' END,
                   @ra_now
            FROM ra_candidates AS c
            WHERE 1 = 1
            ON CONFLICT DO NOTHING
            """, ct,
            ("ra_company", playbook.CompanyId), ("ra_playbook", playbook.Id), ("ra_kind", StoredEnum<SubjectKind>.ToText(kind)),
            ("ra_active", StoredEnum<EnrollmentStatus>.ToText(EnrollmentStatus.Active)), ("ra_held", db.Dialect.Ids(held)),
            ("ra_now", db.Dialect.Instant(now)));
        await db.Database.ExecuteSqlRawAsync("DROP TABLE ra_candidates", ct);
        return inserted;
    }

    private static async Task<int> InsertSendsAsync(RevenueAngelDbContext db, Playbook playbook, IReadOnlyList<(PlaybookStep Step, TimeSpan Offset)> steps,
        DateTimeOffset now, CancellationToken ct)
    {
        if (steps.Count == 0) return 0;
        // Due rows first, into a temporary table, for the same reason as the enrolments. A step added to a running
        // playbook reaches only the enrolments that have not long passed its point in the sequence.
        var rows = string.Join(", ", steps.Select((_, i) => $"(@ra_step{i}, {i}, @ra_channel{i}, @ra_offset{i}, @ra_after{i})"));
        List<(string, object)> due =
        [
            ("ra_playbook", playbook.Id), ("ra_active", StoredEnum<EnrollmentStatus>.ToText(EnrollmentStatus.Active)),
        ];
        for (var i = 0; i < steps.Count; i++)
        {
            var (step, offset) = steps[i];
            due.Add(($"ra_step{i}", step.Id));
            due.Add(($"ra_channel{i}", StoredEnum<MessageChannel>.ToText(step.Channel)));
            due.Add(($"ra_offset{i}", db.Dialect.Span(offset)));
            due.Add(($"ra_after{i}", db.Dialect.Instant(now - offset - LateStepGrace)));
        }
        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS ra_due", ct);
        await ExecuteAsync(db, $"""
            CREATE TEMP TABLE ra_due AS
            WITH st(step_id, position, channel, offset_by, entered_after) AS (VALUES {rows})
            SELECT e.id, e.company_id, e.playbook_id, st.step_id, st.position, st.channel, e.entered_at + st.offset_by AS scheduled_for
            FROM enrollments AS e
            JOIN st ON e.entered_at >= st.entered_after
            WHERE e.playbook_id = @ra_playbook AND e.status = @ra_active AND e."group" <> 'holdout'
              AND NOT EXISTS (SELECT 1 FROM sends AS s WHERE s.enrollment_id = e.id AND s.step_id = st.step_id)
            """, ct, [.. due]);
        // All steps in one statement, in enrolment order: step by step, each step's rows would land between the
        // previous step's in the (enrollment_id, step_id) key and split its pages all over.
        var inserted = await ExecuteAsync(db, """
            INSERT INTO sends (company_id, playbook_id, step_id, enrollment_id, channel, status, scheduled_for, attempts, click_count)
            SELECT d.company_id, d.playbook_id, d.step_id, d.id, d.channel, @ra_scheduled, d.scheduled_for, 0, 0
            FROM ra_due AS d
            WHERE 1 = 1
            ORDER BY d.id, d.position
            ON CONFLICT DO NOTHING
            """, ct, ("ra_scheduled", StoredEnum<SendStatus>.ToText(SendStatus.Scheduled)));
        await db.Database.ExecuteSqlRawAsync("DROP TABLE ra_due", ct);
        return inserted;
    }

    private static async Task<int> ExecuteAsync(RevenueAngelDbContext db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<long>> HeldOutAsync(RevenueAngelDbContext db, Playbook playbook, SubjectKind kind, CancellationToken ct)
    {
        var held = new List<long>();
        if (playbook.HoldoutPercent <= 0) return held;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT subject_id FROM ra_candidates";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (HoldoutSplit.IsHeldOut(playbook.Id, kind, id, playbook.HoldoutPercent)) held.Add(id);
        }
        return held;
    }

    [LoggerMessage(LogLevel.Warning, "Playbook {PlaybookId} has invalid target rules and enrols nobody: {Problems}")]
    private partial void LogInvalidRules(long playbookId, string problems);
}
