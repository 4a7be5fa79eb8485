using System.Globalization;

namespace IpShield.SharedKernel.Time;

/// <summary>
/// A span of calendar time as the law states it: Gregorian years, months and days, or Hijri years and lunar months
/// of the Um al-Qura calendar (Saudi Arabia's official calendar). Adding a period clamps to the end of a month that is
/// too short: 31 January + 1 month = 28 or 29 February; 29 February + 1 year = 28 February.
/// </summary>
public readonly record struct Period(int Years = 0, int Months = 0, int Days = 0, int HijriYears = 0, int HijriMonths = 0)
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    public static Period OfYears(int years) => new(Years: years);

    public static Period OfMonths(int months) => new(Months: months);

    public static Period OfDays(int days) => new(Days: days);

    public static Period OfHijriYears(int years) => new(HijriYears: years);

    public static Period OfLunarMonths(int months) => new(HijriMonths: months);

    public bool IsZero => this == default;

    public Period Times(int factor) => new(Years * factor, Months * factor, Days * factor, HijriYears * factor, HijriMonths * factor);

    public static Period operator +(Period a, Period b) =>
        new(a.Years + b.Years, a.Months + b.Months, a.Days + b.Days, a.HijriYears + b.HijriYears, a.HijriMonths + b.HijriMonths);

    public static Period operator -(Period a) => a.Times(-1);

    public Period Add(Period other) => this + other;

    public Period Negate() => -this;

    /// <summary>The date this period after <paramref name="date"/> (before it when negative).</summary>
    public DateOnly AddTo(DateOnly date) => AddTo(date, out _);

    /// <summary>
    /// The date this period after <paramref name="date"/>; <paramref name="clamped"/> tells whether the day of the month did
    /// not exist in the month reached and the month's last day was taken instead.
    /// </summary>
    public DateOnly AddTo(DateOnly date, out bool clamped)
    {
        clamped = false;
        var result = date;
        var gregorianMonths = (Years * 12) + Months;
        if (gregorianMonths != 0)
        {
            result = result.AddMonths(gregorianMonths);
            clamped = result.Day != date.Day;
        }

        var lunarMonths = (HijriYears * 12) + HijriMonths;
        if (lunarMonths != 0)
        {
            var start = result.ToDateTime(TimeOnly.MinValue);
            var moved = UmAlQura.AddMonths(start, lunarMonths);
            clamped |= UmAlQura.GetDayOfMonth(moved) != UmAlQura.GetDayOfMonth(start);
            result = DateOnly.FromDateTime(moved);
        }

        return result.AddDays(Days);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        Append(parts, Years, "year");
        Append(parts, Months, "month");
        Append(parts, HijriYears, "Hijri year");
        Append(parts, HijriMonths, "lunar month");
        Append(parts, Days, "day");
        return parts.Count == 0 ? "0 days" : string.Join(" ", parts);
    }

    private static void Append(List<string> parts, int amount, string unit)
    {
        if (amount != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}{(Math.Abs(amount) == 1 ? "" : "s")}"));
        }
    }
}
