using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Coverage;

/// <summary>Why a market lacks protection.</summary>
internal enum CoverageGapReason
{
    /// <summary>No mark of the enterprise is registered or pending there.</summary>
    NoMark,

    /// <summary>A filing is planned there but not made: nothing protects the market yet.</summary>
    FilingOnlyPlanned,
}

/// <summary>A market where the enterprise sells or means to sell without a registered or pending mark, and why.</summary>
internal sealed record CoverageGap(string Market, string? Platform, CoverageGapReason Reason, string Explanation);

/// <summary>A mark as coverage sees it: where it protects (its jurisdiction, or a Madrid designation) and its status there.</summary>
internal sealed record MarkCoverage(string Where, RightStatus Status, DateOnly? PlannedFilingOn);

/// <summary>
/// Target markets and sales platforms against an enterprise's marks. A market is covered by a mark registered or pending
/// there, by an EU mark for a member state, or by a Madrid designation of it; a planned filing does not cover it. A
/// platform sells into the marketplaces it runs among the target markets, or else into its home marketplace (noon: AE;
/// Amazon: US), since a brand registry asks for a mark where the store is (docs/coverage.md).
/// </summary>
internal static class CoverageGaps
{
    /// <summary>EU member states: an EU trade mark (EUIPO) protects each of them.</summary>
    public static readonly IReadOnlySet<string> EuMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL",
        "PT", "RO", "SK", "SI", "ES", "SE",
    };

    /// <summary>The Gulf Cooperation Council has no unitary mark in force: each member state needs its own.</summary>
    private static readonly string[] Gcc = ["AE", "SA", "KW", "QA", "BH", "OM"];

    /// <summary>The marketplaces of the platforms with a brand registry, home first (the platforms' own country sites).</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Marketplaces = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Noon"] = ["AE", "SA", "EG"],
        ["Amazon"] = ["US", "GB", "DE", "FR", "IT", "ES", "NL", "PL", "SE", "BE", "JP", "CA", "MX", "BR", "AU", "IN", "AE", "SA", "EG", "TR", "SG"],
        ["Ebay"] = ["US", "GB", "DE", "FR", "IT", "ES", "AU", "CA"],
        ["AliExpress"] = ["ES", "FR", "SA", "KR", "BR", "RU", "US"],
        ["Temu"] = ["US", "GB", "DE", "FR", "JP", "AU", "SA", "AE"],
        ["Shein"] = ["US", "GB", "DE", "FR", "SA", "AE"],
        ["TikTokShop"] = ["US", "GB", "ID", "MY", "PH", "TH", "VN", "SG"],
        ["Shopee"] = ["SG", "MY", "TH", "ID", "PH", "VN", "BR"],
        ["Lazada"] = ["SG", "MY", "TH", "ID", "PH", "VN"],
    };

    /// <summary>The gaps of one enterprise, market by market (and platform by platform where it sells on one).</summary>
    public static IReadOnlyList<CoverageGap> Of(IReadOnlyList<string> targetMarkets, IReadOnlyList<string> platforms, IReadOnlyList<MarkCoverage> marks)
    {
        var markets = targetMarkets.SelectMany(Expand).Distinct(StringComparer.Ordinal).ToList();
        var wanted = new List<(string Market, string? Platform)>();
        foreach (var platform in platforms)
        {
            if (!Marketplaces.TryGetValue(platform, out var sites))
            {
                continue; // own site, other: no brand registry to satisfy, the target markets speak for them
            }

            var into = sites.Where(markets.Contains).ToList();
            wanted.AddRange((into.Count > 0 ? into : [sites[0]]).Select(m => (m, (string?)platform)));
        }

        wanted.AddRange(markets.Where(m => wanted.All(w => w.Market != m)).Select(m => (m, (string?)null)));

        var gaps = new List<CoverageGap>();
        foreach (var (market, platform) in wanted)
        {
            var there = marks.Where(m => Protects(m.Where, market)).ToList();
            if (there.Any(m => RightLifecycle.InForceStatus(m.Status) || RightLifecycle.Pending(m.Status)))
            {
                continue;
            }

            var plan = there.Where(m => m.Status == RightStatus.Planned).Select(m => m.PlannedFilingOn).Min();
            var sells = platform is null ? $"Targets {market}" : $"Sells on {platform} to {market}";
            gaps.Add(there.Any(m => m.Status == RightStatus.Planned)
                ? new CoverageGap(market, platform, CoverageGapReason.FilingOnlyPlanned,
                    $"{sells} with no {market} mark: a filing is planned{(plan is { } day ? $" for {day:yyyy-MM-dd}" : "")} but not made.")
                : new CoverageGap(market, platform, CoverageGapReason.NoMark, $"{sells} with no {market} mark registered or pending."));
        }

        return [.. gaps.OrderBy(g => g.Market, StringComparer.Ordinal).ThenBy(g => g.Platform, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Raise when <see cref="Of"/> decides differently with the same tables (the tables below are fingerprinted as they are).
    /// </summary>
    private const int RulesRevision = 1;

    /// <summary>
    /// A fingerprint of these rules: the stored gaps the park statistics count (ADR 0033) were computed with the rules that
    /// gave it, and a host that finds another one computes them again.
    /// </summary>
    public static string RulesFingerprint { get; } = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('|',
            $"revision {RulesRevision}",
            "EU " + string.Join(',', EuMembers.Order(StringComparer.Ordinal)),
            "GCC " + string.Join(',', Gcc),
            string.Join(';', Marketplaces.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + string.Join(',', p.Value)))))));

    /// <summary>Where a mark protects: its jurisdiction, or for a Madrid registration each designated country.</summary>
    public static IEnumerable<MarkCoverage> MarkCoverageOf(
        string jurisdiction, RightStatus status, DateOnly? plannedFilingOn, IEnumerable<(string Country, RightStatus Status)> designations) =>
        jurisdiction != Jurisdiction.Madrid.Code
            ? [new MarkCoverage(jurisdiction, status, plannedFilingOn)]
            // A designation lives only as long as the international registration (Madrid Protocol art. 6).
            : designations.Select(d => new MarkCoverage(d.Country, Alive(status) ? d.Status : status, plannedFilingOn));

    private static bool Alive(RightStatus status) => status == RightStatus.Planned || RightLifecycle.Pending(status) || RightLifecycle.InForceStatus(status);

    /// <summary>Whether a mark protecting <paramref name="where"/> protects <paramref name="market"/>.</summary>
    public static bool Protects(string where, string market) =>
        where == market || (where == "EU" && EuMembers.Contains(market));

    /// <summary>A named region as the countries a mark must cover; EU stays EU (one EUIPO mark); other regions are not assessed.</summary>
    private static IEnumerable<string> Expand(string market) => market switch
    {
        "GCC" => Gcc,
        "EU" => ["EU"],
        { Length: 2 } => [market],
        _ => [],
    };
}
