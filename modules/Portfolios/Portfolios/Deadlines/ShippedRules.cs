using IpShield.SharedKernel.Time;
using IpShield.Portfolios.Domain;
using static IpShield.SharedKernel.Time.Period;
using static IpShield.Portfolios.Domain.LifecycleEventKind;

namespace IpShield.Portfolios.Deadlines;

/// <summary>The rules the platform ships with; sources and decisions in docs/deadline-rules.md.</summary>
internal static class ShippedRules
{
    /// <summary>Events that end a right: no deadline stays open after one of them.</summary>
    public static readonly IReadOnlySet<LifecycleEventKind> EndOfRight = new HashSet<LifecycleEventKind> { Lapsed, Abandoned, Withdrawn, Refused, Invalidated, Expired };

    private static readonly IReadOnlySet<RightKind> Marks = new HashSet<RightKind> { RightKind.Trademark };

    private static readonly IReadOnlySet<RightKind> ChinesePatents = new HashSet<RightKind> { RightKind.InventionPatent, RightKind.UtilityModel, RightKind.Design };

    private static readonly IReadOnlySet<LifecycleEventKind> Renewal = new HashSet<LifecycleEventKind> { Renewed };

    public static IReadOnlyList<DeadlineRule> All { get; } =
    [
        .. TrademarkRenewals(),
        .. Oppositions(),
        .. ChinesePatentTerms(),
        ChineseAnnuities(),
    ];

    private static IEnumerable<DeadlineRule> TrademarkRenewals()
    {
        yield return MarkRenewal("tm.renewal.generic", null, Registered, OfYears(10), OfMonths(6), new GracePeriod(OfMonths(6)),
            "Default where a jurisdiction has no rule of its own. TRIPS art. 18: a registration and each renewal last no less than "
            + "seven years, renewable indefinitely (10 is the common term); Paris Convention art. 5bis(1): a grace period of not less "
            + "than six months for maintenance fees, possibly with a surcharge. Check the national law before relying on it.");

        yield return MarkRenewal("tm.renewal.cn", Jurisdiction.China, Registered, OfYears(10), OfMonths(12),
            new GracePeriod(OfMonths(6)) { SurchargeNote = "late renewal fee (宽展费)" },
            "Trademark Law of the PRC art. 39: a registered mark is valid for 10 years from the date of approval of registration; "
            + "art. 40: renewal is applied for within 12 months before expiry, or within a grace period of 6 months after it; each "
            + "renewal lasts 10 years from the day after the previous term expired.") with { Due = DueDateConvention.LastDayOfTerm };

        yield return MarkRenewal("tm.renewal.eu", Jurisdiction.EuropeanUnion, Filed, OfYears(10), OfMonths(6),
            new GracePeriod(OfMonths(6)) { Surcharges = [new SurchargeStep(OfMonths(6), 25m)] },
            "Regulation (EU) 2017/1001 (EUTMR) art. 52: registered for 10 years from the date of filing, renewable for further periods "
            + "of 10 years; art. 53(3): the request is submitted in the six months before expiry, or within a further six months "
            + "after expiry with an additional fee (EUIPO: 25 % of the renewal fee).") with { Condition = Registered };

        yield return MarkRenewal("tm.renewal.madrid", Jurisdiction.Madrid, Registered, OfYears(10), OfMonths(6),
            new GracePeriod(OfMonths(6)) { SurchargeNote = "surcharge under the Schedule of Fees" },
            "Madrid Protocol art. 6(1): an international registration lasts 10 years; art. 7(1): renewable for 10 years from the "
            + "expiry of the previous period; art. 7(4): a grace period of six months with a surcharge. WIPO accepts renewal in the "
            + "six months before expiry.");

        yield return new DeadlineRule("tm.declaration-of-use.us", DeadlineTask.DeclarationOfUse, Registered, Marks, OfYears(6))
        {
            Jurisdiction = Jurisdiction.UnitedStates,
            WindowBefore = OfYears(1),
            Grace = new GracePeriod(OfMonths(6)) { SurchargeNote = "grace surcharge per class (37 CFR 2.6)" },
            ClosedBy = new HashSet<LifecycleEventKind> { UseDeclared },
            AbortedBy = EndOfRight,
            LegalSource = "15 U.S.C. §1058(a)(1): an affidavit of use (§8 declaration) is filed within the year before the end of "
                + "the sixth year after registration, i.e. between the 5th and 6th anniversary; §1058(c): or within a grace period "
                + "of six months after, with a surcharge.",
        };

        yield return MarkRenewal("tm.renewal.us", Jurisdiction.UnitedStates, Registered, OfYears(10), OfYears(1),
            new GracePeriod(OfMonths(6)) { SurchargeNote = "grace surcharge per class (37 CFR 2.6)" },
            "15 U.S.C. §1058(a)(2) and §1059(a): at the end of each successive 10-year period after registration, the §8 declaration "
            + "and the §9 renewal are filed within one year before its end, or within a grace period of six months after, with a "
            + "surcharge.");

        yield return MarkRenewal("tm.renewal.ae", Jurisdiction.UnitedArabEmirates, Filed, OfYears(10), null,
            new GracePeriod(OfMonths(6)) { AppliesToDueFrom = new DateOnly(2022, 6, 16), SurchargeNote = "late renewal fee" },
            "Federal Decree-Law No. 36 of 2021 on Trademarks: protection lasts 10 years from the filing date, renewable for like "
            + "periods, renewal requested before expiry; Cabinet Resolution No. 57 of 2022 (in force 2022-06-16): a grace period of "
            + "six months after expiry. The grace applies to renewals falling due on or after 2022-06-16, whatever the filing date.")
            with { Condition = Registered };

        yield return MarkRenewal("tm.renewal.sa", Jurisdiction.SaudiArabia, Filed, OfHijriYears(10), null,
            new GracePeriod(OfLunarMonths(6)) { SurchargeNote = "late renewal fee" },
            "GCC Common Trademark Law as applied in Saudi Arabia (SAIP): protection lasts 10 Hijri years from the filing date, "
            + "renewable for like periods, renewal requested before expiry or within a grace period of six (lunar) months after it. "
            + "Dates in the Um al-Qura calendar.") with { Condition = Registered };
    }

    private static DeadlineRule MarkRenewal(string id, Jurisdiction? jurisdiction, LifecycleEventKind trigger, Period term, Period? window, GracePeriod grace, string source) =>
        new(id, DeadlineTask.Renewal, trigger, Marks, term)
        {
            Jurisdiction = jurisdiction,
            WindowBefore = window,
            Grace = grace,
            Recurrence = new Recurrence(term),
            ClosedBy = Renewal,
            AbortedBy = EndOfRight,
            LegalSource = source,
        };

    private static IEnumerable<DeadlineRule> Oppositions()
    {
        yield return Opposition("tm.opposition.cn", Jurisdiction.China, OfMonths(3),
            "Trademark Law of the PRC art. 33: within three months from the date of the preliminary approval announcement.");
        yield return Opposition("tm.opposition.eu", Jurisdiction.EuropeanUnion, OfMonths(3),
            "Regulation (EU) 2017/1001 (EUTMR) art. 46(1): within a period of three months following the publication of the application.");
        yield return Opposition("tm.opposition.us", Jurisdiction.UnitedStates, OfDays(30),
            "15 U.S.C. §1063(a): within thirty days after publication, extensible on request (37 CFR 2.102).");
        yield return Opposition("tm.opposition.ae", Jurisdiction.UnitedArabEmirates, OfDays(30),
            "Federal Decree-Law No. 36 of 2021 on Trademarks: within 30 days from publication of the application.");
        yield return Opposition("tm.opposition.sa", Jurisdiction.SaudiArabia, OfDays(60),
            "GCC Common Trademark Law as applied in Saudi Arabia: within 60 days from publication (one source says 90; see "
            + "docs/deadline-rules.md).");
    }

    private static DeadlineRule Opposition(string id, Jurisdiction jurisdiction, Period period, string source) =>
        new(id, DeadlineTask.OppositionPeriodEnds, Published, Marks, period)
        {
            Jurisdiction = jurisdiction,
            AbortedBy = EndOfRight,
            LegalSource = source,
        };

    private static IEnumerable<DeadlineRule> ChinesePatentTerms()
    {
        const string Article42 = "Patent Law of the PRC art. 42: ";
        yield return PatentTerm("pat.term.cn.invention", RightKind.InventionPatent, 20,
            Article42 + "the term of an invention patent is 20 years from the filing date.");
        yield return PatentTerm("pat.term.cn.utility-model", RightKind.UtilityModel, 10,
            Article42 + "the term of a utility model patent is 10 years from the filing date.");
        yield return PatentTerm("pat.term.cn.design.before-2021-06-01", RightKind.Design, 10,
            "Patent Law of the PRC (2008) art. 42: the term of a design patent is 10 years from the filing date; for applications "
            + "filed before 2021-06-01, when the 2020 amendment came into force.") with { FiledBefore = new DateOnly(2021, 6, 1) };
        yield return PatentTerm("pat.term.cn.design.from-2021-06-01", RightKind.Design, 15,
            "Patent Law of the PRC (2020 amendment, in force 2021-06-01) art. 42: the term of a design patent is 15 years from the "
            + "filing date, for applications filed on or after 2021-06-01.") with { FiledFrom = new DateOnly(2021, 6, 1) };
    }

    private static DeadlineRule PatentTerm(string id, RightKind kind, int years, string source) =>
        new(id, DeadlineTask.TermEnds, Filed, new HashSet<RightKind> { kind }, OfYears(years))
        {
            Jurisdiction = Jurisdiction.China,
            Due = DueDateConvention.LastDayOfTerm,
            Condition = Granted,
            AbortedBy = EndOfRight,
            LegalSource = source,
        };

    private static DeadlineRule ChineseAnnuities() =>
        new("pat.annuity.cn", DeadlineTask.Annuity, Filed, ChinesePatents, default)
        {
            Jurisdiction = Jurisdiction.China,
            Condition = Granted,
            Recurrence = new Recurrence(OfYears(1)) { LastCycle = 20, SkipsCyclesDueByCondition = true, StopsAtTermEnd = true },
            Grace = new GracePeriod(OfMonths(6))
            {
                Surcharges =
                [
                    new SurchargeStep(OfMonths(1), 0m), new SurchargeStep(OfMonths(2), 5m), new SurchargeStep(OfMonths(3), 10m),
                    new SurchargeStep(OfMonths(4), 15m), new SurchargeStep(OfMonths(5), 20m), new SurchargeStep(OfMonths(6), 25m),
                ],
                SurchargeNote = "of that year's full annual fee",
            },
            ClosedBy = new HashSet<LifecycleEventKind> { AnnuityPaid },
            AbortedBy = EndOfRight,
            LegalSource = "Implementing Regulations of the Patent Law of the PRC (annual fees; rule 98 before the 2023 revision) and "
                + "Patent Examination Guidelines part V ch. 9: patent years count from the filing date; the fee of the year of grant "
                + "is paid with the registration formalities, each later year's fee by the filing anniversary that starts it; late "
                + "within six months with a surcharge of 5 % of that year's fee per month late after the first (0, 5, 10, 15, 20, "
                + "25 %); then the patent terminates (Patent Law art. 44).",
        };
}
