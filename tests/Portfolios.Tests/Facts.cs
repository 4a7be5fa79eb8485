using System.Globalization;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Tests;

/// <summary>Short ways to write a right's facts and dates in a table.</summary>
internal static class Facts
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A Um al-Qura date ("1446-01-01") in the Gregorian calendar, converted by the BCL calendar directly.</summary>
    public static DateOnly Hijri(string hijriDate)
    {
        var parts = hijriDate.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return DateOnly.FromDateTime(UmAlQura.ToDateTime(parts[0], parts[1], parts[2], 0, 0, 0, 0));
    }

    public static RecordedEvent Event(LifecycleEventKind kind, string isoDate) => new(kind, Day(isoDate));

    public static IpRightFacts Right(RightKind kind, Jurisdiction jurisdiction, string? filed = null, string? published = null,
        string? registered = null, params RecordedEvent[] events) =>
        new(kind, jurisdiction)
        {
            FiledOn = filed is null ? null : Day(filed),
            PublishedOn = published is null ? null : Day(published),
            RegisteredOn = registered is null ? null : Day(registered),
            Events = events,
        };

    public static IpRightFacts Mark(Jurisdiction jurisdiction, string? filed = null, string? published = null, string? registered = null,
        params RecordedEvent[] events) => Right(RightKind.Trademark, jurisdiction, filed, published, registered, events);
}
