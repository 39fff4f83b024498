namespace RevenueAngel.Core.Dispatch;

/// A company's nightly window without messages, in its own time zone. The end is computed as a local wall-clock
/// time, so across a daylight-saving change it still ends at 08:00 local, whatever that is in UTC.
public static class QuietHours
{
    /// When the window ends, if <paramref name="now"/> falls inside it; otherwise null (send now).
    public static DateTimeOffset? DeferUntil(DateTimeOffset now, TimeZoneInfo zone, TimeOnly start, TimeOnly end)
    {
        if (start == end) return null;
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var overnight = start > end;
        var inside = overnight ? time >= start || time < end : time >= start && time < end;
        if (!inside) return null;

        var endDate = DateOnly.FromDateTime(local);
        if (overnight && time >= start) endDate = endDate.AddDays(1);
        var endLocal = DateTime.SpecifyKind(endDate.ToDateTime(end), DateTimeKind.Unspecified);
        // An end inside a spring-forward gap does not exist on the clock: the window ends when the clock resumes.
        while (zone.IsInvalidTime(endLocal)) endLocal = endLocal.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(endLocal, zone), TimeSpan.Zero);
    }
}
