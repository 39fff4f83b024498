using Npgsql;

namespace RevenueAngel.Bench;

/// What someone would write by hand for the dashboard's and the Analytics page's figures: plain aggregates over the
/// base tables (sends, enrolments, conversions less their refunds), sent as one batch on one connection. Same windows,
/// same rules (confirmed conversions only, holdout not counted as audience, revenue of a member's conversions between an
/// enrolment's entry and end for the incremental estimate).
internal static class AnalyticsBaseline
{
    private const string Net = """
        (SELECT c.id, c.type, c.attributed_playbook_id AS playbook_id, c.member_id, c.created_at, c.state,
                c.revenue_cents + coalesce((SELECT sum(a.amount_cents) FROM revenue_adjustments a WHERE a.conversion_id = c.id), 0) AS cents
         FROM conversions c WHERE c.company_id = @company)
        """;

    private static readonly string[] Statements =
    [
        // Sends and clicks per playbook, this period and the one before.
        "SELECT playbook_id, count(*), count(clicked_at) FROM sends WHERE company_id = @company AND sent_at >= @from AND sent_at < @to GROUP BY 1",
        "SELECT playbook_id, count(*), count(clicked_at) FROM sends WHERE company_id = @company AND sent_at >= @before AND sent_at < @from GROUP BY 1",
        // Conversions and net revenue per type and playbook, both periods.
        $"SELECT type, playbook_id, count(*), sum(CASE WHEN state = 'confirmed' THEN cents ELSE 0 END) FROM {Net} n WHERE created_at >= @from AND created_at < @to GROUP BY 1, 2",
        $"SELECT type, playbook_id, count(*), sum(CASE WHEN state = 'confirmed' THEN cents ELSE 0 END) FROM {Net} n WHERE created_at >= @before AND created_at < @from GROUP BY 1, 2",
        // The daily chart: revenue per day and module, sends per day.
        $"SELECT (created_at AT TIME ZONE 'UTC')::date, playbook_id, sum(cents) FROM {Net} n WHERE state = 'confirmed' AND created_at >= @from AND created_at < @to GROUP BY 1, 2",
        "SELECT (sent_at AT TIME ZONE 'UTC')::date, count(*) FROM sends WHERE company_id = @company AND sent_at >= @from AND sent_at < @to GROUP BY 1",
        // Enrolments entered and converted, both periods, and those running during the period.
        "SELECT playbook_id, \"group\", count(*), count(*) FILTER (WHERE status = 'converted') FROM enrollments WHERE company_id = @company AND entered_at >= @from AND entered_at < @to GROUP BY 1, 2",
        "SELECT playbook_id, \"group\", count(*), count(*) FILTER (WHERE status = 'converted') FROM enrollments WHERE company_id = @company AND entered_at >= @before AND entered_at < @from GROUP BY 1, 2",
        "SELECT count(*) FROM enrollments WHERE company_id = @company AND \"group\" <> 'holdout' AND entered_at < @to AND (ended_at IS NULL OR ended_at >= @from)",
        // Incremental revenue: per arm, the enrolments' revenue and its square.
        $"""
        SELECT playbook_id, "group", count(*), sum(revenue), sum(revenue * revenue)
        FROM (SELECT e.playbook_id, e."group", e.id, sum(n.cents) AS revenue
              FROM enrollments e JOIN {Net} n ON n.member_id = e.subject_id AND n.state = 'confirmed'
                   AND n.created_at >= e.entered_at AND n.created_at <= coalesce(e.ended_at, now())
              WHERE e.company_id = @company AND e.subject_kind = 'member' AND e.entered_at >= @from AND e.entered_at < @to
                AND e."group" IN ('holdout', 'treatment')
              GROUP BY 1, 2, 3) earners
        GROUP BY 1, 2
        """,
        // Failed and recovered payments, revenue paid and returned, members and memberships.
        "SELECT count(*), count(paid_at) FROM payments WHERE company_id = @company AND failed_at >= @from AND failed_at < @to",
        "SELECT currency, sum(total_cents) FROM payments WHERE company_id = @company AND paid_at >= @from AND paid_at < @to GROUP BY 1",
        "SELECT currency, sum(amount_cents) FROM revenue_adjustments WHERE company_id = @company AND updated_at >= @from AND updated_at < @to GROUP BY 1",
        "SELECT count(*) FROM members WHERE company_id = @company",
        "SELECT plan_id, count(*) FROM memberships WHERE company_id = @company AND status IN ('active', 'trialing', 'canceling') GROUP BY 1",
        // The ten newest conversions.
        $"SELECT n.id, n.cents, m.name FROM {Net} n LEFT JOIN members m ON m.id = n.member_id ORDER BY n.created_at DESC, n.id DESC LIMIT 10",
    ];

    /// The sends of the window, as the dashboard shows them.
    public static async Task<int> RunAsync(string connectionString, string companyId, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in Statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in new (string, object)[] { ("company", companyId), ("from", from), ("to", to), ("before", from - (to - from)) })
                if (sql.Contains("@" + name, StringComparison.Ordinal)) command.Parameters.AddWithValue(name, value);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();
        long sends = 0;
        while (await reader.ReadAsync()) sends += reader.GetInt64(1);
        // Every statement's rows are read, as a page would.
        while (await reader.NextResultAsync()) while (await reader.ReadAsync()) { }
        return (int)sends;
    }
}
