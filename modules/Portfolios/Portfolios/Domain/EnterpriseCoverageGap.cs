namespace IpShield.Portfolios.Domain;

/// <summary>
/// A market where an enterprise sells or means to sell without a mark protecting it (<see cref="Coverage.CoverageGaps"/>),
/// as the park statistics count them (ADR 0033): one row per enterprise and market, whatever the platforms and the
/// reason. Kept with every write of its inputs by <see cref="Persistence.CoverageGapSummary"/>; the enterprise's own
/// coverage fields still compute the gaps with their explanations.
/// </summary>
internal sealed class EnterpriseCoverageGap
{
    public Guid EnterpriseId { get; init; }
    public string Market { get; init; } = string.Empty;

    /// <summary>
    /// The park the enterprise is settled in (null when it is not): a copy of its placement's, written with the gaps and
    /// moved with the placement in one transaction, so that a park's gaps are counted from this table's index alone.
    /// </summary>
    public Guid? ParkId { get; set; }
}

/// <summary>
/// A park's stored coverage gaps counted (ADR 0040): enterprises with a gap in <see cref="Market"/>, or with any gap when
/// <see cref="Market"/> is <see cref="AnyMarket"/>. Kept by <see cref="Persistence.CoverageGapSummary"/> in the
/// transaction that changes the stored gaps or their park, by adding the difference.
/// </summary>
internal sealed class ParkCoverageGaps
{
    /// <summary>The key of the row counting the park's enterprises with any gap (no market code is empty).</summary>
    public const string AnyMarket = "";

    public Guid ParkId { get; init; }
    public string Market { get; init; } = string.Empty;
    public int Enterprises { get; init; }
}

/// <summary>
/// What a derived table was last built with: for the coverage gaps, a fingerprint of the gap rules. A host that finds a
/// different one builds the table again (rules are code, so a release may change them).
/// </summary>
internal sealed class SummaryState
{
    public string Name { get; init; } = string.Empty;
    public string Fingerprint { get; set; } = string.Empty;
}
