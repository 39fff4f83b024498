using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Revenue and sends per UTC day (revenue as NetConversion counts it: pending and lost saves keep none). Revenue is grouped in raw SQL because the two providers store instants
/// differently and LINQ cannot take the day of either portably (the dialect's day number does); sends are the
/// period's hourly slices the caller has already read (SentCounts).
internal static class DailySeries
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static async Task<IReadOnlyList<DailyRevenue>> ReadRevenueAsync(RevenueAngelDbContext db, string companyId, string currency,
        AnalyticsWindow window, CancellationToken ct)
    {
        var dialect = db.Dialect;

        return await QueryAsync(db, $"""
            SELECT {dialect.UtcDayNumber("c.created_at")}, c.attributed_playbook_id,
                   CAST(sum(c.revenue_cents + c.adjusted_cents) AS bigint)
            FROM conversions c
            WHERE c.company_id = @company AND c.currency = @currency AND c.created_at >= @from AND c.created_at < @to
              AND c.state = 'confirmed'
              AND (c.confirmed_by_payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM conversions o WHERE o.whop_payment_id = c.confirmed_by_payment_id))
            GROUP BY 1, 2
            """, companyId, currency, window, r => new DailyRevenue(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetInt64(2)), ct);
    }

    public static IReadOnlyList<DailyPoint> Assemble(IReadOnlyList<DailyRevenue> revenue, IReadOnlyList<SentSlice> sends, AnalyticsWindow window,
        IReadOnlyDictionary<long, PlaybookHeader> playbooks)
    {
        var revenueByDay = revenue.ToLookup(r => r.Day);
        var sendsByDay = sends.GroupBy(s => DayNumber(s.Hour)).ToDictionary(g => g.Key, g => g.Sum(s => s.Sent));
        var first = DayNumber(window.From);
        var last = DayNumber(window.To.AddTicks(-1));
        return [.. Enumerable.Range(0, (int)(last - first + 1)).Select(offset =>
        {
            var day = first + offset;
            var modules = Enum.GetValues<RevenueModule>().ToDictionary(m => m, _ => 0L);
            foreach (var row in revenueByDay[day])
                modules[row.PlaybookId is { } id && playbooks.TryGetValue(id, out var p) ? p.Module : RevenueModule.Unattributed] += row.Cents;
            return new DailyPoint(DateOnly.FromDayNumber((int)(day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)),
                modules, sendsByDay.GetValueOrDefault(day));
        })];
    }

    private static long DayNumber(DateTimeOffset at) => (at.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerDay;

    private static async Task<List<T>> QueryAsync<T>(RevenueAngelDbContext db, string sql, string companyId, string currency,
        AnalyticsWindow window, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "company", companyId);
            Add(command, "currency", currency);
            Add(command, "from", db.Dialect.Instant(window.From));
            Add(command, "to", db.Dialect.Instant(window.To));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <param name="Day">Days since 1970-01-01 (UTC).</param>
internal sealed record DailyRevenue(long Day, long? PlaybookId, long Cents);
