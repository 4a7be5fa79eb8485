namespace IpShield.SharedKernel.Time;

/// <summary>
/// Calendar facts (expiry, settlement, filing, deadlines) are days in a park's time zone; Asia/Shanghai unless a park
/// says otherwise. One "today" for every module, always from the injected <see cref="TimeProvider"/>, so tests can
/// move the clock.
/// </summary>
public static class ParkCalendar
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    private static readonly TimeZoneInfo Default = TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow(), Default);

    public static DateOnly Today(TimeProvider time, string timeZone) => DayOf(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
