using IpShield.SharedKernel.Access;
using Microsoft.Extensions.Configuration;

namespace IpShield.SharedKernel.Statistics;

/// <summary>One group of a breakdown: its key (a market, a platform, a month…) and how many enterprises it counts.</summary>
public sealed record GroupCount(string Key, int Enterprises);

/// <summary>A breakdown as the caller may see it, and what was folded or withheld to get there.</summary>
public sealed record Breakdown(IReadOnlyList<GroupCount> Groups, int FoldedGroups, bool OtherWithheld)
{
    /// <summary>The key under which groups too small to show are counted together.</summary>
    public const string Other = "OTHER";
}

/// <summary>
/// What a caller may learn from aggregate figures. A third-party dashboard must not be able to single out one
/// enterprise, so it sees no group counting fewer than <see cref="MinimumGroupSize"/> enterprises and no sum over fewer
/// enterprises than that; staff and the city centre see exact figures. Every section of the statistics applies this one
/// rule, and says in its answer what it suppressed.
/// </summary>
public sealed record StatisticsPrivacy(int MinimumGroupSize, bool Exact)
{
    public const int DefaultMinimumGroupSize = 3;

    /// <summary>The configuration key of the threshold (default <see cref="DefaultMinimumGroupSize"/>).</summary>
    public const string MinimumGroupSizeKey = "Statistics:MinimumGroupSize";

    /// <summary>
    /// Dashboard clients (machine callers) get suppressed figures; people (staff, park managers, the centre) exact ones:
    /// a person is named, signed in and answerable for what they read, a third party's program is not (ADR 0025).
    /// </summary>
    public static StatisticsPrivacy For(AccessContext access, int minimumGroupSize) =>
        new(Math.Max(1, minimumGroupSize), Exact: access.IsAdmin || access.Kind == CallerKind.Person);

    /// <summary>The privacy of the calling request, with the threshold from configuration.</summary>
    public static StatisticsPrivacy For(AccessContext access, IConfiguration configuration) =>
        For(access, configuration.GetValue(MinimumGroupSizeKey, DefaultMinimumGroupSize));

    /// <summary>
    /// Folds the groups counting fewer enterprises than the threshold into <see cref="Breakdown.Other"/>. When "other"
    /// would itself be small, the next smallest groups join it until it is not (otherwise the total minus the shown groups
    /// would give the small group away); when even all of them together are too few, "other" is withheld.
    /// Groups keep their order by descending size, then key. Where one enterprise can be in several groups (markets,
    /// platforms), <paramref name="distinctEnterprisesIn"/> counts the distinct enterprises of the folded keys, so "other"
    /// is never larger than the enterprises really in it.
    /// </summary>
    public Breakdown Fold(IEnumerable<GroupCount> groups, Func<IReadOnlyCollection<string>, int>? distinctEnterprisesIn = null)
    {
        var ordered = groups.Where(g => g.Enterprises > 0)
            .OrderByDescending(g => g.Enterprises).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (Exact)
        {
            return new Breakdown(ordered, 0, false);
        }

        var shown = ordered.Where(g => g.Enterprises >= MinimumGroupSize).ToList();
        var folded = ordered.Where(g => g.Enterprises < MinimumGroupSize).ToList();
        int Other() => distinctEnterprisesIn?.Invoke([.. folded.Select(g => g.Key)]) ?? folded.Sum(g => g.Enterprises);
        var other = Other();
        while (other > 0 && other < MinimumGroupSize && shown.Count > 0)
        {
            folded.Add(shown[^1]);
            shown.RemoveAt(shown.Count - 1);
            other = Other();
        }

        if (other == 0)
        {
            return new Breakdown(shown, 0, false);
        }

        if (other < MinimumGroupSize)
        {
            return new Breakdown(shown, folded.Count, OtherWithheld: true);
        }

        return new Breakdown([.. shown, new GroupCount(Breakdown.Other, other)], folded.Count, false);
    }

    /// <summary>A count of enterprises, or null when it is too small to show.</summary>
    public int? Count(int enterprises) => Exact || enterprises == 0 || enterprises >= MinimumGroupSize ? enterprises : null;

    /// <summary>A sum over <paramref name="enterprises"/> enterprises, or null when they are too few to show it.</summary>
    public T? Sum<T>(T sum, int enterprises)
        where T : struct => Exact || enterprises >= MinimumGroupSize ? sum : null;
}
