using System.Collections.Concurrent;
using IpShield.Enterprises.Domain;

namespace IpShield.Enterprises.Features.ParkStatistics;

/// <summary>A profile as the section spells it out: legal form and the three stored lists.</summary>
internal sealed record ProfileSpelling(LegalForm LegalForm, string MarketCodes, string PlatformCodes, IReadOnlyList<string> ProductCategories)
{
    /// <summary>
    /// Its breakdown keys, parsed once with the spelling and remembered with it: parsed again for each of a park's ~1,200
    /// profiles on every computation, they were the largest part of the host's work for the section.
    /// </summary>
    public ProfileKeys Keys { get; } = ProfileKeys.Of(LegalForm, MarketCodes, PlatformCodes, ProductCategories);
}

/// <summary>
/// The profiles the host has spelled out, by profile key (ADR 0035, amended). A key is a digest of the profile itself,
/// so what it spells never changes: the section counts a park's enterprises per key from the index alone and reads a
/// record only for keys it has not seen. Bounded: past <see cref="Capacity"/> keys it starts afresh.
/// </summary>
internal sealed class ProfileSpellings
{
    /// <summary>Far more than the profiles of a city's 100,000 enterprises at the benchmark's scale (~12,000).</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, ProfileSpelling> _known = new(StringComparer.Ordinal);

    public bool TryGet(string key, out ProfileSpelling spelling) => _known.TryGetValue(key, out spelling!);

    public void Remember(string key, ProfileSpelling spelling)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[key] = spelling;
    }
}
