using IpShield.SharedKernel.Time;
using System.Globalization;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using static IpShield.Portfolios.Tests.Facts;

namespace IpShield.Portfolios.Tests;

/// <summary>Hijri arithmetic checked against the Um al-Qura calendar itself, and the jurisdictions a right can be in.</summary>
public sealed class CalendarAndPlaceTests
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    // Published Um al-Qura dates: Islamic new year 1445 and 1446, the first of Ramadan 1445.
    [Theory]
    [InlineData("1445-01-01", "2023-07-19")]
    [InlineData("1446-01-01", "2024-07-07")]
    [InlineData("1445-09-01", "2024-03-11")]
    public void A_Hijri_date_converts_to_the_published_Gregorian_day(string hijri, string gregorian)
    {
        Assert.Equal(Day(gregorian), Hijri(hijri));
    }

    [Fact]
    public void Ten_Hijri_years_are_about_nine_years_and_eight_months()
    {
        var filed = Day("2024-07-07");

        var expires = Period.OfHijriYears(10).AddTo(filed);

        Assert.InRange(expires.DayNumber - filed.DayNumber, 3540, 3550);
    }

    [Fact]
    public void Every_day_of_2024_plus_ten_Hijri_years_lands_on_the_same_Hijri_day_or_the_month_end()
    {
        for (var day = Day("2024-01-01"); day.Year == 2024; day = day.AddDays(1))
        {
            var start = day.ToDateTime(TimeOnly.MinValue);
            var (year, month, dayOfMonth) = (UmAlQura.GetYear(start), UmAlQura.GetMonth(start), UmAlQura.GetDayOfMonth(start));
            var expected = DateOnly.FromDateTime(UmAlQura.ToDateTime(year + 10, month, Math.Min(dayOfMonth, UmAlQura.GetDaysInMonth(year + 10, month)), 0, 0, 0, 0));

            Assert.Equal(expected, Period.OfHijriYears(10).AddTo(day));
        }
    }

    [Fact]
    public void Six_lunar_months_after_the_end_of_Ramadan_1455_is_in_Rabi_al_Awwal_1456()
    {
        var grace = Period.OfLunarMonths(6).AddTo(Hijri("1455-09-29")).ToDateTime(TimeOnly.MinValue);

        Assert.Equal((1456, 3), (UmAlQura.GetYear(grace), UmAlQura.GetMonth(grace)));
    }

    [Fact]
    public void A_Saudi_term_beyond_the_Um_al_Qura_tables_gives_no_date_rather_than_a_wrong_one()
    {
        var deadlines = DeadlineEngine.Compute(Mark(Jurisdiction.SaudiArabia, filed: "2070-01-01", registered: "2070-06-01"),
            DeadlineRuleCatalogue.Shipped.Rules, Day("2070-06-01"));

        Assert.Empty(deadlines);
    }

    [Theory]
    [InlineData("CN", "CN")]
    [InlineData("cn", "CN")]
    [InlineData("EU", "EU")]
    [InlineData("WO", "WO")]
    [InlineData("AE", "AE")]
    [InlineData("SA", "SA")]
    [InlineData("FR", "FR")]
    [InlineData("br", "BR")]
    public void A_jurisdiction_is_an_ISO_country_the_EU_or_WIPO(string code, string expected)
    {
        Assert.True(Jurisdiction.TryParse(code, out var jurisdiction));
        Assert.Equal(expected, jurisdiction.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C")]
    [InlineData("CHN")]
    [InlineData("ZZ")]
    [InlineData("12")]
    [InlineData("QQ")]
    public void Anything_else_is_not_a_jurisdiction(string? code)
    {
        Assert.False(Jurisdiction.TryParse(code, out _));
    }
}
