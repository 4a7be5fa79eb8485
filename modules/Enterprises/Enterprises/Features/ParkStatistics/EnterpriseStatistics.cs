using System.Collections.Frozen;
using GraphQL;
using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Statistics;

namespace IpShield.Enterprises.Features.ParkStatistics;

/// <summary>
/// How many settled enterprises share one profile: the same legal form and the same stored market, platform and category
/// lists. The database counts these (GROUP BY), so a park of 10 000 enterprises sends back its few hundred profiles, not
/// its records; each breakdown is exact from them because every enterprise is in exactly one profile (ADR 0027).
/// </summary>
internal sealed record EnterpriseProfile(ProfileKeys Keys, int Enterprises);

/// <summary>
/// The keys one profile counts under in each breakdown, as the schema spells them (market codes, NOON, LIMITED_LIABILITY_COMPANY),
/// each list without repeats: an enterprise counts once per key.
/// </summary>
internal sealed record ProfileKeys(string[] Markets, string[] Platforms, string[] Categories, string[] LegalForm)
{
    public static ProfileKeys Of(LegalForm legalForm, string marketCodes, string platformCodes, IReadOnlyList<string> productCategories) =>
        new(
            [.. Split(marketCodes).Distinct(StringComparer.Ordinal)],
            [.. Split(platformCodes).Select(code => EnterpriseStatistics.Name(Enum.Parse<SalesPlatform>(code))).Distinct(StringComparer.Ordinal)],
            [.. productCategories.Distinct(StringComparer.Ordinal)],
            [EnterpriseStatistics.Name(legalForm)]);

    private static string[] Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How many settled enterprises settled on one day.</summary>
internal sealed record SettledDay(DateOnly SettledOn, int Enterprises);

/// <summary>How many enterprises hold a certification of one platform in one status as of the day the figures are for.</summary>
internal sealed record CertificationGroup(SalesPlatform Platform, CertificationStatus Status, int Enterprises);

/// <summary>A certified certificate of one enterprise expiring within the next 90 days (one row per platform).</summary>
internal sealed record ExpiringCertification(Guid EnterpriseId, DateOnly ExpiresOn);

/// <summary>Sales of one month in one currency, summed in the database: at most one row per enterprise and month.</summary>
internal sealed record SalesGroup(DateOnly Month, string Currency, int Enterprises, long Units, decimal Revenue);

/// <summary>The aggregates of one park (or of the whole city) the section is computed from: counts, never records.</summary>
internal sealed record EnterpriseAggregates(
    IReadOnlyList<EnterpriseProfile> Profiles,
    IReadOnlyList<SettledDay> SettledDays,
    IReadOnlyList<CertificationGroup> Certifications,
    IReadOnlyList<ExpiringCertification> Expiring,
    IReadOnlyList<SalesGroup> Sales);

/// <summary>The months a time series covers: from the first day of <see cref="From"/>'s month to <see cref="To"/>.</summary>
internal readonly record struct MonthRange(DateOnly From, DateOnly To)
{
    /// <summary>The range a dashboard asked for, or the twelve months up to today.</summary>
    public static MonthRange Of(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        return new MonthRange(new DateOnly(start.Year, start.Month, 1), end);
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> Months()
    {
        for (var month = From; month <= To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}

internal sealed record MonthCount(DateOnly Month, int? Enterprises);

internal sealed record CertificationCount(string Platform, string Status, int? Enterprises);

/// <summary>Sales of one month in one currency; units and revenue are withheld when too few enterprises make them up.</summary>
internal sealed record SalesMonth(DateOnly Month, string Currency, int? Enterprises, long? Units, decimal? Revenue);

/// <summary>The Enterprises module's section of park statistics: aggregates only, never the records behind them.</summary>
internal sealed record ParkEnterpriseStatistics(
    int Settled,
    IReadOnlyList<MonthCount> SettledPerMonth,
    Breakdown ByTargetMarket,
    Breakdown BySalesPlatform,
    Breakdown ByProductCategory,
    Breakdown ByLegalForm,
    IReadOnlyList<CertificationCount> Certifications,
    int? CertificationsExpiringIn30Days,
    int? CertificationsExpiringIn90Days,
    IReadOnlyList<SalesMonth> Sales,
    StatisticsPrivacy Privacy);

/// <summary>
/// Computes the section from one park's aggregates. Pure: the same aggregates give the same figures, and privacy is
/// applied here, after the database counted, exactly as when the records were counted in memory.
/// </summary>
internal static class EnterpriseStatistics
{
    public static ParkEnterpriseStatistics Compute(EnterpriseAggregates aggregates, MonthRange range, DateOnly today, StatisticsPrivacy privacy)
    {
        var settledPerMonth = range.Months()
            .Select(month => new MonthCount(month, privacy.Count(aggregates.SettledDays
                .Where(d => d.SettledOn.Year == month.Year && d.SettledOn.Month == month.Month && range.Contains(d.SettledOn))
                .Sum(d => d.Enterprises))))
            .ToList();

        // The database merged nothing across platforms: lapsed certificates arrive as a group of their own (the section
        // names them Expired), and one enterprise holds at most one certification per platform, so summing counts stays
        // distinct.
        var certificationCounts = aggregates.Certifications
            .GroupBy(c => (c.Platform, c.Status))
            .OrderBy(g => g.Key.Platform).ThenBy(g => g.Key.Status)
            .Select(g => new CertificationCount(Name(g.Key.Platform), Name(g.Key.Status), privacy.Count(g.Sum(c => c.Enterprises))))
            .ToList();

        int? Expiring(int days) => privacy.Count(aggregates.Expiring
            .Where(c => c.ExpiresOn >= today && c.ExpiresOn <= today.AddDays(days))
            .Select(c => c.EnterpriseId).Distinct().Count());

        var salesMonths = aggregates.Sales
            .Where(s => range.Contains(s.Month))
            .GroupBy(s => (s.Month, s.Currency))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Sum(s => s.Enterprises);
                return new SalesMonth(g.Key.Month, g.Key.Currency, privacy.Count(count), privacy.Sum(g.Sum(s => s.Units), count), privacy.Sum(g.Sum(s => s.Revenue), count));
            })
            .ToList();

        var profiles = aggregates.Profiles;
        return new ParkEnterpriseStatistics(
            profiles.Sum(p => p.Enterprises),
            settledPerMonth,
            ByKeys(profiles, p => p.Keys.Markets, privacy),
            ByKeys(profiles, p => p.Keys.Platforms, privacy),
            ByKeys(profiles, p => p.Keys.Categories, privacy),
            ByKeys(profiles, p => p.Keys.LegalForm, privacy),
            certificationCounts,
            Expiring(30),
            Expiring(90),
            salesMonths,
            privacy);
    }

    /// <summary>
    /// Enterprises per key, where one enterprise may have several keys (markets, platforms, categories). Each enterprise
    /// is in exactly one profile, so the enterprises of a set of keys are the sum over the profiles holding any of them.
    /// </summary>
    private static Breakdown ByKeys(IReadOnlyList<EnterpriseProfile> profiles, Func<EnterpriseProfile, string[]> keysOf, StatisticsPrivacy privacy)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            foreach (var key in keysOf(profile))
            {
                counts[key] = counts.GetValueOrDefault(key) + profile.Enterprises;
            }
        }

        return privacy.Fold(
            counts.Select(c => new GroupCount(c.Key, c.Value)),
            folded =>
            {
                var keys = folded.ToHashSet(StringComparer.Ordinal);
                return profiles.Where(p => keysOf(p).Any(keys.Contains)).Sum(p => p.Enterprises);
            });
    }

    /// <summary>The GraphQL enum name of a value (NOON, LIMITED_LIABILITY_COMPANY), as the rest of the schema spells it.</summary>
    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumNames<TEnum>.Of(value);

    /// <summary>Each value's name spelled once: converting the case on every call showed in the host's profile.</summary>
    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => v.ToString().ToConstantCase());

        public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToConstantCase();
    }
}
