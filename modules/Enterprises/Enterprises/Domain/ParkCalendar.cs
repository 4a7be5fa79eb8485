namespace IpShield.Enterprises.Domain;

/// <summary>Calendar facts (expiry, settlement) are days in the parks' time zone, Asia/Shanghai.</summary>
internal static class ParkCalendar
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).DateTime);
}
