namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// What a statistics object covers: one park (<c>ParkStatistics</c>, keyed by the park's id, for the centre and the
/// park's dashboard) or the whole city (<c>CityStatistics</c>, keyed by <see cref="WholeCity"/>, for the centre). Each
/// module adds the same section to both types and reads its facts for either key.
/// </summary>
public static class StatisticsScope
{
    public const string ParkType = "ParkStatistics";
    public const string CityType = "CityStatistics";

    /// <summary>The key of the whole city: every park's facts together.</summary>
    public static readonly Guid WholeCity = Guid.Empty;

    /// <summary>Whether the keys asked for include the whole city (then every settled record is read).</summary>
    public static bool IncludesWholeCity(IEnumerable<Guid> keys) => keys.Contains(WholeCity);

    /// <summary>The facts of one key: one park's, or for the whole city every park's.</summary>
    public static IEnumerable<T> Of<T>(ILookup<Guid, T> byPark, Guid key) => key == WholeCity ? byPark.SelectMany(park => park) : byPark[key];
}
