namespace RevenueAngel.Core.Dunning;

/// The days of the month a payment-failed playbook also retries the charge itself ("1,15"), as stored and edited.
public static class RetryPaydays
{
    public const int MaxDays = 4;
    public const int MaxLimit = 5;

    public static IReadOnlyList<int> Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : [.. stored.Split(',').Select(d => int.TryParse(d, out var day) ? day : 0).Where(d => d > 0).Order()];

    public static string? Write(IReadOnlyCollection<int> days) => days.Count == 0 ? null : string.Join(",", days.Distinct().Order());

    public static IEnumerable<string> Problems(IReadOnlyCollection<int> days, int limit, bool afterClick = false)
    {
        if (days.Count > MaxDays) yield return $"At most {MaxDays} days a month.";
        if (days.Any(d => d is < 1 or > 28)) yield return "Days of the month from 1 to 28 (every month has them).";
        if ((days.Count > 0 || afterClick) && limit is < 1 or > MaxLimit) yield return $"Between 1 and {MaxLimit} retries of a payment.";
    }
}
