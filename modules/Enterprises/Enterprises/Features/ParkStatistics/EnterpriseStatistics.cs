using GraphQL;
using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Statistics;

namespace IpShield.Enterprises.Features.ParkStatistics;

/// <summary>What the statistics need of one settled enterprise (never its name or code).</summary>
internal sealed record EnterpriseFacts(Guid Id, DateOnly? SettledOn, LegalForm LegalForm, string MarketCodes, string PlatformCodes, IReadOnlyList<string> ProductCategories);

/// <summary>One certification of a settled enterprise, with its status as of the day the figures are for.</summary>
internal sealed record CertificationFacts(Guid EnterpriseId, SalesPlatform Platform, CertificationStatus Status, DateOnly? ExpiresOn);

/// <summary>One month of one settled enterprise's sales.</summary>
internal sealed record SalesFacts(Guid EnterpriseId, DateOnly Month, long Units, decimal? Revenue, string? Currency);

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
/// Computes the section from the facts of one park's settled enterprises. Pure: the same facts give the same figures,
/// which the tests check against hand counts.
/// </summary>
internal static class EnterpriseStatistics
{
    public static ParkEnterpriseStatistics Compute(
        IReadOnlyList<EnterpriseFacts> enterprises,
        IReadOnlyList<CertificationFacts> certifications,
        IReadOnlyList<SalesFacts> sales,
        MonthRange range,
        DateOnly today,
        StatisticsPrivacy privacy)
    {
        var settledPerMonth = range.Months()
            .Select(month => new MonthCount(month, privacy.Count(enterprises.Count(e => e.SettledOn is { } on && on.Year == month.Year && on.Month == month.Month && range.Contains(on)))))
            .ToList();

        var certificationCounts = certifications
            .GroupBy(c => (c.Platform, c.Status))
            .OrderBy(g => g.Key.Platform).ThenBy(g => g.Key.Status)
            .Select(g => new CertificationCount(Name(g.Key.Platform), Name(g.Key.Status), privacy.Count(g.Select(c => c.EnterpriseId).Distinct().Count())))
            .ToList();

        int? Expiring(int days) => privacy.Count(certifications
            .Where(c => c.Status == CertificationStatus.Certified && c.ExpiresOn is { } expires && expires >= today && expires <= today.AddDays(days))
            .Select(c => c.EnterpriseId).Distinct().Count());

        var salesMonths = sales
            .Where(s => s.Currency is not null && range.Contains(s.Month))
            .GroupBy(s => (s.Month, Currency: s.Currency!))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Select(s => s.EnterpriseId).Distinct().Count();
                return new SalesMonth(g.Key.Month, g.Key.Currency, privacy.Count(count), privacy.Sum(g.Sum(s => s.Units), count), privacy.Sum(g.Sum(s => s.Revenue ?? 0m), count));
            })
            .ToList();

        return new ParkEnterpriseStatistics(
            enterprises.Count,
            settledPerMonth,
            ByKeys(enterprises, e => Split(e.MarketCodes), privacy),
            ByKeys(enterprises, e => Split(e.PlatformCodes).Select(p => Name(Enum.Parse<SalesPlatform>(p))), privacy),
            ByKeys(enterprises, e => e.ProductCategories, privacy),
            ByKeys(enterprises, e => [Name(e.LegalForm)], privacy),
            certificationCounts,
            Expiring(30),
            Expiring(90),
            salesMonths,
            privacy);
    }

    /// <summary>Enterprises per key, where one enterprise may have several keys (markets, platforms, categories).</summary>
    private static Breakdown ByKeys(IReadOnlyList<EnterpriseFacts> enterprises, Func<EnterpriseFacts, IEnumerable<string>> keysOf, StatisticsPrivacy privacy)
    {
        var members = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var enterprise in enterprises)
        {
            foreach (var key in keysOf(enterprise).Distinct())
            {
                (members.TryGetValue(key, out var set) ? set : members[key] = []).Add(enterprise.Id);
            }
        }

        return privacy.Fold(
            members.Select(m => new GroupCount(m.Key, m.Value.Count)),
            keys => keys.SelectMany(k => members[k]).Distinct().Count());
    }

    private static IEnumerable<string> Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The GraphQL enum name of a value (NOON, LIMITED_LIABILITY_COMPANY), as the rest of the schema spells it.</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToConstantCase();
}
