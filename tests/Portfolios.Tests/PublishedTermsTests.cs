using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using static IpShield.Portfolios.Deadlines.DeadlineTask;
using static IpShield.Portfolios.Tests.Facts;

namespace IpShield.Portfolios.Tests;

/// <summary>
/// The shipped rules against the published terms, one row per sentence: the due date, the day the window opens and the
/// last day of grace of one occurrence. Every row is computed as seen long before the first date (nothing missed yet) and
/// with the occurrences forecast far ahead, so later renewals and annuities are listed without recording the earlier ones.
/// </summary>
public sealed class PublishedTermsTests
{
    private static readonly DateOnly LongAgo = Day("1990-01-01");
    private static readonly DateOnly FarAhead = Day("2200-12-31");

    private static readonly Jurisdiction CN = Jurisdiction.China;
    private static readonly Jurisdiction EU = Jurisdiction.EuropeanUnion;
    private static readonly Jurisdiction US = Jurisdiction.UnitedStates;
    private static readonly Jurisdiction WO = Jurisdiction.Madrid;
    private static readonly Jurisdiction AE = Jurisdiction.UnitedArabEmirates;
    private static readonly Jurisdiction SA = Jurisdiction.SaudiArabia;

    private static readonly Dictionary<string, Row> Table = new(StringComparer.Ordinal);

    static PublishedTermsTests()
    {
        ChineseMarks();
        EuropeanUnionMarks();
        MadridRegistrations();
        UnitedStatesMarks();
        EmiratiMarks();
        SaudiMarks();
        OtherCountries();
        ChinesePatentTerms();
        ChineseAnnuities();
    }

    public static TheoryData<string> Sentences => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void The_deadline_falls_where_the_law_puts_it(string sentence)
    {
        var row = Table[sentence];

        var deadlines = DeadlineEngine.Compute(row.Right, DeadlineRuleCatalogue.Shipped.Rules, LongAgo, FarAhead);

        var deadline = Assert.Single(deadlines, d => d.Task == row.Task && d.Cycle == row.Cycle);
        Assert.Equal(row.Rule, deadline.RuleId);
        Assert.Equal(row.Due, deadline.DueOn);
        Assert.Equal(row.Opens, deadline.WindowOpensOn);
        Assert.Equal(row.GraceEnds, deadline.GraceEndsOn);
    }

    [Fact]
    public void The_table_checks_at_least_sixty_published_terms()
    {
        Assert.True(Table.Count >= 60, $"{Table.Count} rows");
    }

    private static void ChineseMarks()
    {
        var mark = Mark(CN, filed: "2012-11-20", registered: "2014-03-07");
        Add("a CN mark registered on 2014-03-07 is valid to 2024-03-06 and may be renewed from 12 months before until 6 months after",
            mark, Renewal, 1, "tm.renewal.cn", "2024-03-06", "2023-03-06", "2024-09-06");
        Add("the second CN term runs from the day after the first expired, to 2034-03-06",
            mark, Renewal, 2, "tm.renewal.cn", "2034-03-06", "2033-03-06", "2034-09-06");
        Add("the third CN term ends on 2044-03-06", mark, Renewal, 3, "tm.renewal.cn", "2044-03-06", "2043-03-06", "2044-09-06");

        var leapDay = Mark(CN, registered: "2024-02-29");
        Add("a CN mark registered on 2024-02-29 expires on 2034-02-28, the month's last day",
            leapDay, Renewal, 1, "tm.renewal.cn", "2034-02-28", "2033-02-28", "2034-08-28");
        Add("its renewed term starts on 2034-03-01 and so ends on 2044-02-29",
            leapDay, Renewal, 2, "tm.renewal.cn", "2044-02-29", "2043-02-28", "2044-08-29");
        Add("a CN mark registered on 2020-02-29 expires on 2030-02-28",
            Mark(CN, registered: "2020-02-29"), Renewal, 1, "tm.renewal.cn", "2030-02-28", "2029-02-28", "2030-08-28");
        Add("a CN mark registered on 2021-03-01 expires on 2031-02-28, the day before the anniversary",
            Mark(CN, registered: "2021-03-01"), Renewal, 1, "tm.renewal.cn", "2031-02-28", "2030-02-28", "2031-08-28");
        Add("the grace of a CN mark expiring on 2030-08-30 ends on 2031-02-28, clamped to February's end",
            Mark(CN, registered: "2020-08-31"), Renewal, 1, "tm.renewal.cn", "2030-08-30", "2029-08-30", "2031-02-28");

        Add("a CN application published on 2024-01-20 can be opposed until 2024-04-20",
            Mark(CN, published: "2024-01-20"), OppositionPeriodEnds, 1, "tm.opposition.cn", "2024-04-20", null, null);
        Add("a CN application published on 2023-11-30 can be opposed until 2024-02-29 in a leap year",
            Mark(CN, published: "2023-11-30"), OppositionPeriodEnds, 1, "tm.opposition.cn", "2024-02-29", null, null);
        Add("a CN application published on 2024-11-30 can be opposed until 2025-02-28",
            Mark(CN, published: "2024-11-30"), OppositionPeriodEnds, 1, "tm.opposition.cn", "2025-02-28", null, null);
        Add("a CN application published on 2024-05-31 can be opposed until 2024-08-31",
            Mark(CN, published: "2024-05-31"), OppositionPeriodEnds, 1, "tm.opposition.cn", "2024-08-31", null, null);
    }

    private static void EuropeanUnionMarks()
    {
        var mark = Mark(EU, filed: "2014-03-07", registered: "2014-07-01");
        Add("an EU mark filed on 2014-03-07 expires on 2024-03-07, renewable from six months before until six months after",
            mark, Renewal, 1, "tm.renewal.eu", "2024-03-07", "2023-09-07", "2024-09-07");
        Add("the second EU term counts from the filing date too, ending on 2034-03-07",
            mark, Renewal, 2, "tm.renewal.eu", "2034-03-07", "2033-09-07", "2034-09-07");
        Add("the third EU term ends on 2044-03-07", mark, Renewal, 3, "tm.renewal.eu", "2044-03-07", "2043-09-07", "2044-09-07");

        var leapDay = Mark(EU, filed: "2016-02-29", registered: "2016-08-10");
        Add("an EU mark filed on 2016-02-29 expires on 2026-02-28",
            leapDay, Renewal, 1, "tm.renewal.eu", "2026-02-28", "2025-08-28", "2026-08-28");
        Add("an EU mark filed on 2016-02-29 expires on 2036-02-29 after its first renewal, a leap year again",
            leapDay, Renewal, 2, "tm.renewal.eu", "2036-02-29", "2035-08-29", "2036-08-29");
        Add("an EU mark filed on 2015-08-31 may be renewed from 2025-02-28",
            Mark(EU, filed: "2015-08-31", registered: "2016-01-15"), Renewal, 1, "tm.renewal.eu", "2025-08-31", "2025-02-28", "2026-02-28");

        Add("an EU application published on 2024-01-31 can be opposed until 2024-04-30",
            Mark(EU, published: "2024-01-31"), OppositionPeriodEnds, 1, "tm.opposition.eu", "2024-04-30", null, null);
        Add("an EU application published on 2025-06-15 can be opposed until 2025-09-15",
            Mark(EU, published: "2025-06-15"), OppositionPeriodEnds, 1, "tm.opposition.eu", "2025-09-15", null, null);
    }

    private static void MadridRegistrations()
    {
        var registration = Mark(WO, filed: "2015-06-01", registered: "2015-08-31");
        Add("an international registration of 2015-08-31 expires on 2025-08-31, renewable from 2025-02-28",
            registration, Renewal, 1, "tm.renewal.madrid", "2025-08-31", "2025-02-28", "2026-02-28");
        Add("its second period ends on 2035-08-31", registration, Renewal, 2, "tm.renewal.madrid", "2035-08-31", "2035-02-28", "2036-02-29");
        Add("an international registration of 2012-02-29 expires on 2022-02-28",
            Mark(WO, registered: "2012-02-29"), Renewal, 1, "tm.renewal.madrid", "2022-02-28", "2021-08-28", "2022-08-28");
        Add("an international registration counts from its own date, not the basic filing: 2019-04-10 expires on 2029-04-10",
            Mark(WO, filed: "2018-12-01", registered: "2019-04-10"), Renewal, 1, "tm.renewal.madrid", "2029-04-10", "2028-10-10", "2029-10-10");
    }

    private static void UnitedStatesMarks()
    {
        var mark = Mark(US, filed: "2018-05-02", registered: "2019-10-15");
        Add("a US registration of 2019-10-15 needs its §8 declaration between the 5th and 6th anniversary",
            mark, DeclarationOfUse, 1, "tm.declaration-of-use.us", "2025-10-15", "2024-10-15", "2026-04-15");
        Add("a US registration of 2019-10-15 is renewed (§8 and §9) in the year before 2029-10-15",
            mark, Renewal, 1, "tm.renewal.us", "2029-10-15", "2028-10-15", "2030-04-15");
        Add("the second US renewal falls due on 2039-10-15", mark, Renewal, 2, "tm.renewal.us", "2039-10-15", "2038-10-15", "2040-04-15");
        Add("the third US renewal falls due on 2049-10-15", mark, Renewal, 3, "tm.renewal.us", "2049-10-15", "2048-10-15", "2050-04-15");

        var leapDay = Mark(US, registered: "2024-02-29");
        Add("a US mark registered on 2024-02-29 declares use by 2030-02-28",
            leapDay, DeclarationOfUse, 1, "tm.declaration-of-use.us", "2030-02-28", "2029-02-28", "2030-08-28");
        Add("a US mark registered on 2024-02-29 is renewed by 2034-02-28",
            leapDay, Renewal, 1, "tm.renewal.us", "2034-02-28", "2033-02-28", "2034-08-28");
        Add("a US mark registered on 2024-02-29 is renewed a second time by 2044-02-29",
            leapDay, Renewal, 2, "tm.renewal.us", "2044-02-29", "2043-02-28", "2044-08-29");

        Add("a US application published on 2025-01-07 can be opposed for 30 days, until 2025-02-06",
            Mark(US, published: "2025-01-07"), OppositionPeriodEnds, 1, "tm.opposition.us", "2025-02-06", null, null);
        Add("a US application published on 2024-02-14 can be opposed until 2024-03-15, February having 29 days",
            Mark(US, published: "2024-02-14"), OppositionPeriodEnds, 1, "tm.opposition.us", "2024-03-15", null, null);
    }

    private static void EmiratiMarks()
    {
        Add("a UAE mark falling due before 2022-06-16 has no grace period",
            Mark(AE, filed: "2012-05-10", registered: "2013-01-20"), Renewal, 1, "tm.renewal.ae", "2022-05-10", null, null);
        Add("a UAE mark falling due on 2022-06-16 gets the six months of Cabinet Resolution 57/2022",
            Mark(AE, filed: "2012-06-16", registered: "2013-02-01"), Renewal, 1, "tm.renewal.ae", "2022-06-16", null, "2022-12-16");
        var mark = Mark(AE, filed: "2015-03-01", registered: "2015-11-11");
        Add("a UAE mark filed on 2015-03-01 expires ten years after filing, on 2025-03-01",
            mark, Renewal, 1, "tm.renewal.ae", "2025-03-01", null, "2025-09-01");
        Add("a UAE mark filed on 2015-03-01 expires again on 2035-03-01", mark, Renewal, 2, "tm.renewal.ae", "2035-03-01", null, "2035-09-01");
        Add("a UAE mark filed on 2021-08-31 has its grace end on 2032-02-29",
            Mark(AE, filed: "2021-08-31", registered: "2022-04-04"), Renewal, 1, "tm.renewal.ae", "2031-08-31", null, "2032-02-29");
        Add("a UAE application published on 2025-03-10 can be opposed until 2025-04-09",
            Mark(AE, published: "2025-03-10"), OppositionPeriodEnds, 1, "tm.opposition.ae", "2025-04-09", null, null);
    }

    private static void SaudiMarks()
    {
        // Filed on 1 Muharram 1446 (2024-07-07): protected until 1 Muharram 1456, then six lunar months of grace.
        Add("a Saudi mark filed on 1 Muharram 1446 expires on 1 Muharram 1456, ten Hijri years later",
            Mark(SA, filed: "2024-07-07", registered: "2025-01-05"), Renewal, 1, "tm.renewal.sa", Hijri("1456-01-01"), null, Hijri("1456-07-01"));
        Add("a Saudi mark filed on 1 Ramadan 1445 expires on 1 Ramadan 1455 with grace to 1 Ramadan 1455 + 6 lunar months",
            Mark(SA, filed: "2024-03-11", registered: "2024-09-01"), Renewal, 1, "tm.renewal.sa", Hijri("1455-09-01"), null, Hijri("1456-03-01"));
        var mark = Mark(SA, filed: "2023-07-19", registered: "2024-01-10");
        Add("a Saudi mark filed on 1 Muharram 1445 expires on 1 Muharram 1455",
            mark, Renewal, 1, "tm.renewal.sa", Hijri("1455-01-01"), null, Hijri("1455-07-01"));
        Add("the second Saudi term ends on 1 Muharram 1465", mark, Renewal, 2, "tm.renewal.sa", Hijri("1465-01-01"), null, Hijri("1465-07-01"));
        Add("a Saudi mark filed on 15 Shawwal 1440 expires on 15 Shawwal 1450",
            Mark(SA, filed: Iso(Hijri("1440-10-15")), registered: "2020-01-01"),
            Renewal, 1, "tm.renewal.sa", Hijri("1450-10-15"), null, Hijri("1451-04-15"));
        Add("a Saudi application published on 2025-01-01 can be opposed for 60 days, until 2025-03-02",
            Mark(SA, published: "2025-01-01"), OppositionPeriodEnds, 1, "tm.opposition.sa", "2025-03-02", null, null);
    }

    private static void OtherCountries()
    {
        Add("a Japanese mark, with no rule of its own, gets the generic renewal: 10 years from registration, 6 months before and after",
            Mark(Jurisdiction.Parse("JP"), filed: "2017-09-01", registered: "2018-04-20"), Renewal, 1, "tm.renewal.generic",
            "2028-04-20", "2027-10-20", "2028-10-20");
        Add("a Japanese mark's second renewal falls due on 2038-04-20",
            Mark(Jurisdiction.Parse("JP"), registered: "2018-04-20"), Renewal, 2, "tm.renewal.generic", "2038-04-20", "2037-10-20", "2038-10-20");
    }

    private static void ChinesePatentTerms()
    {
        Add("a CN invention patent filed on 2004-03-07 ends on 2024-03-06, 20 years from filing",
            Right(RightKind.InventionPatent, CN, filed: "2004-03-07", registered: "2008-01-09"), TermEnds, 1, "pat.term.cn.invention",
            "2024-03-06", null, null);
        Add("a CN invention patent filed on 2010-12-31 ends on 2030-12-30",
            Right(RightKind.InventionPatent, CN, filed: "2010-12-31", registered: "2014-06-18"), TermEnds, 1, "pat.term.cn.invention",
            "2030-12-30", null, null);
        Add("a CN utility model filed on 2016-02-29 ends on 2026-02-28, 10 years from filing",
            Right(RightKind.UtilityModel, CN, filed: "2016-02-29", registered: "2016-09-01"), TermEnds, 1, "pat.term.cn.utility-model",
            "2026-02-28", null, null);
        Add("a CN design filed on 2021-05-31, the day before the law changed, ends on 2031-05-30 after 10 years",
            Right(RightKind.Design, CN, filed: "2021-05-31", registered: "2021-10-01"), TermEnds, 1, "pat.term.cn.design.before-2021-06-01",
            "2031-05-30", null, null);
        Add("a CN design filed on 2021-06-01, the day the law changed, ends on 2036-05-31 after 15 years",
            Right(RightKind.Design, CN, filed: "2021-06-01", registered: "2021-10-01"), TermEnds, 1, "pat.term.cn.design.from-2021-06-01",
            "2036-05-31", null, null);
        Add("a CN design filed in 2019 ends after 10 years even when granted after the law changed",
            Right(RightKind.Design, CN, filed: "2019-07-15", registered: "2021-07-01"), TermEnds, 1, "pat.term.cn.design.before-2021-06-01",
            "2029-07-14", null, null);
    }

    private static void ChineseAnnuities()
    {
        // The Patent Examination Guidelines' own example: filed 1997-06-03, granted 2001-08-01, the 5th year's fee paid at
        // registration, the 6th due by 2002-06-03.
        var guidelines = Right(RightKind.InventionPatent, CN, filed: "1997-06-03", registered: "2001-08-01");
        Add("the guidelines' patent filed on 1997-06-03 and granted on 2001-08-01 pays its 6th year by 2002-06-03",
            guidelines, Annuity, 6, "pat.annuity.cn", "2002-06-03", null, "2002-12-03");
        Add("its 7th year falls due on 2003-06-03", guidelines, Annuity, 7, "pat.annuity.cn", "2003-06-03", null, "2003-12-03");
        Add("its 20th and last year falls due on 2016-06-03", guidelines, Annuity, 20, "pat.annuity.cn", "2016-06-03", null, "2016-12-03");

        var januaryEnd = Right(RightKind.InventionPatent, CN, filed: "2020-01-31", registered: "2023-05-10");
        Add("a CN patent filed on 2020-01-31 and granted in its 4th year pays the 5th by 2024-01-31, late until 2024-07-31",
            januaryEnd, Annuity, 5, "pat.annuity.cn", "2024-01-31", null, "2024-07-31");
        Add("its 6th year falls due on 2025-01-31", januaryEnd, Annuity, 6, "pat.annuity.cn", "2025-01-31", null, "2025-07-31");

        Add("a CN patent filed on 2019-08-31 and granted in its 2nd year pays the 3rd by 2021-08-31, late until 2022-02-28",
            Right(RightKind.InventionPatent, CN, filed: "2019-08-31", registered: "2021-03-15"), Annuity, 3, "pat.annuity.cn",
            "2021-08-31", null, "2022-02-28");
        Add("a CN utility model filed on 2016-02-29 pays its 10th and last year by 2025-02-28",
            Right(RightKind.UtilityModel, CN, filed: "2016-02-29", registered: "2016-09-01"), Annuity, 10, "pat.annuity.cn",
            "2025-02-28", null, "2025-08-28");
        Add("a CN utility model filed on 2016-02-29 pays its 9th year on 2024-02-29, a leap day again",
            Right(RightKind.UtilityModel, CN, filed: "2016-02-29", registered: "2016-09-01"), Annuity, 9, "pat.annuity.cn",
            "2024-02-29", null, "2024-08-29");
        Add("a CN design filed on 2021-06-01 pays its 15th and last year by 2035-06-01",
            Right(RightKind.Design, CN, filed: "2021-06-01", registered: "2021-10-01"), Annuity, 15, "pat.annuity.cn",
            "2035-06-01", null, "2035-12-01");
        Add("a CN design filed on 2021-05-31 pays its 10th and last year by 2030-05-31",
            Right(RightKind.Design, CN, filed: "2021-05-31", registered: "2021-10-01"), Annuity, 10, "pat.annuity.cn",
            "2030-05-31", null, "2030-11-30");
    }

    private static void Add(string sentence, IpRightFacts right, DeadlineTask task, int cycle, string rule, string due, string? opens, string? graceEnds) =>
        Add(sentence, right, task, cycle, rule, Day(due), opens is null ? null : Day(opens), graceEnds is null ? null : Day(graceEnds));

    private static void Add(string sentence, IpRightFacts right, DeadlineTask task, int cycle, string rule, DateOnly due, DateOnly? opens, DateOnly? graceEnds) =>
        Table.Add(sentence, new Row(right, task, cycle, rule, due, opens, graceEnds));

    private sealed record Row(IpRightFacts Right, DeadlineTask Task, int Cycle, string Rule, DateOnly Due, DateOnly? Opens, DateOnly? GraceEnds);
}
