using System.Linq.Expressions;

namespace RevenueAngel.Core.Segments;

/// "Whole days since a moment" compared with N, in both evaluators: floor((now − t) / 1 day) op N, which for
/// SQL becomes plain comparisons of t with now − N days and now − (N+1) days (index-friendly, provider-neutral).
internal static class WholeDays
{
    public static long Since(DateTimeOffset at, DateTimeOffset now)
    {
        var ticks = (now - at).Ticks;
        return ticks >= 0 ? ticks / TimeSpan.TicksPerDay : -((-ticks + TimeSpan.TicksPerDay - 1) / TimeSpan.TicksPerDay);
    }

    /// <paramref name="happenedAfter"/>(bound) must say whether the moment is later than bound.
    public static Expression<Func<T, bool>> Compare<T>(string op, long n, DateTimeOffset now,
        Func<DateTimeOffset, Expression<Func<T, bool>>> happenedAfter)
    {
        var withinN = happenedAfter(now.AddDays(-n));          // days < n
        var withinN1 = happenedAfter(now.AddDays(-(n + 1)));   // days <= n
        return op switch
        {
            ">=" => Predicate.Not(withinN),
            ">" => Predicate.Not(withinN1),
            "<" => withinN,
            "<=" => withinN1,
            "==" => Predicate.And(withinN1, Predicate.Not(withinN)),
            "!=" => Predicate.Or(Predicate.Not(withinN1), withinN),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a numeric operator."),
        };
    }
}
