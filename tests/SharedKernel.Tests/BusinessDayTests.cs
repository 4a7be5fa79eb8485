using IpShield.SharedKernel.Time;

namespace IpShield.SharedKernel.Tests;

public sealed class BusinessDayTests
{
    [Theory]
    [InlineData("2024-11-04", 3, "2024-11-07")] // Monday: Thursday
    [InlineData("2024-11-08", 3, "2024-11-13")] // Friday: the weekend is skipped, Wednesday
    [InlineData("2024-11-09", 1, "2024-11-11")] // Saturday: the first business day after is Monday
    [InlineData("2024-11-04", 5, "2024-11-11")] // a full week
    [InlineData("2024-11-04", 10, "2024-11-18")]
    [InlineData("2024-11-04", 0, "2024-11-04")]
    [InlineData("2024-11-11", -1, "2024-11-08")] // back over a weekend
    public void Adding_business_days_skips_weekends(string from, int count, string expected) =>
        Assert.Equal(Day(expected), BusinessDays.Add(Day(from), count));

    [Theory]
    [InlineData("2024-11-08", "2024-11-13", 3)]
    [InlineData("2024-11-13", "2024-11-08", -3)]
    [InlineData("2024-11-09", "2024-11-10", 0)]
    [InlineData("2024-11-08", "2024-11-11", 1)]
    public void Counting_business_days_between_two_dates_counts_weekdays_after_the_first(string from, string to, int expected) =>
        Assert.Equal(expected, BusinessDays.Between(Day(from), Day(to)));

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
