namespace IpShield.SharedKernel.Time;

/// <summary>
/// Deadlines counted in business days, as platforms and courts state them ("within 3 business days"). Saturdays and
/// Sundays are skipped; public holidays are not modelled (not China's, the US federal ones, nor the Gulf's Friday–Saturday
/// weekend), so a deadline computed here may fall a day or more earlier than the platform's own count: early, never late.
/// </summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The day <paramref name="count"/> business days after <paramref name="from"/>: the start day itself is not counted,
    /// so a notice received on a Friday with 3 business days is due the next Wednesday. A negative count goes back.
    /// </summary>
    public static DateOnly Add(DateOnly from, int count)
    {
        var step = Math.Sign(count);
        var day = from;
        for (var left = Math.Abs(count); left > 0;)
        {
            day = day.AddDays(step);
            if (IsBusinessDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when earlier).</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
