namespace RevenueAngel.Web.Components.Playbooks.Steps;

/// A step's delay as creators think of it (2 days 4 hours) rather than the stored minutes.
public readonly record struct StepDelay(int Days, int Hours, int Minutes)
{
    public int TotalMinutes => (Days * 24 + Hours) * 60 + Minutes;

    public static StepDelay FromMinutes(int minutes) => new(minutes / (24 * 60), minutes / 60 % 24, minutes % 60);

    public string Describe(bool first, bool beforeNextRetry = false)
    {
        if (beforeNextRetry)
            return TotalMinutes == 0 ? "When Whop retries the payment" : $"{Amount()} before Whop's next retry";
        if (TotalMinutes == 0) return first ? "As soon as they enter" : "Right after the previous step";
        return $"{Amount()} after {(first ? "they enter" : "the previous step")}";
    }

    private string Amount() => string.Join(" ", new[] { (Days, "day"), (Hours, "hour"), (Minutes, "minute") }
        .Where(p => p.Item1 > 0)
        .Select(p => $"{p.Item1} {p.Item2}{(p.Item1 == 1 ? "" : "s")}"));
}
