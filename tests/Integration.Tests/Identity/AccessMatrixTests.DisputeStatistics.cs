namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// The statistics sections the Disputes and Training modules add to park and city statistics: each is read by exactly
/// the callers of the statistics it extends (a park's dashboard and its manager: their own park; the centre: the city),
/// never by staff or members. <c>__typename</c> only, so the rows hold whatever figures the sections list.
/// </summary>
public sealed partial class AccessMatrixTests
{
    internal static readonly (string Caller, string Operation, Outcome Expected)[] StatisticsSectionRows =
    [
        ("admin", "sectionParkDisputesA", Outcome.Allowed), ("dashboardA", "sectionParkDisputesA", Outcome.Allowed), ("dashboardA", "sectionParkDisputesB", Outcome.Null),
        ("staffA", "sectionParkDisputesA", Outcome.Forbidden), ("member", "sectionParkDisputesA", Outcome.Forbidden), ("importerA", "sectionParkDisputesA", Outcome.Forbidden),
        ("anonymous", "sectionParkDisputesA", Outcome.Unauthenticated),
        ("admin", "sectionCityDisputesAndTraining", Outcome.Allowed), ("staffA", "sectionCityDisputesAndTraining", Outcome.Forbidden),
        ("member", "sectionCityDisputesAndTraining", Outcome.Forbidden), ("dashboardA", "sectionCityDisputesAndTraining", Outcome.Forbidden),
        ("importerA", "sectionCityDisputesAndTraining", Outcome.Forbidden), ("anonymous", "sectionCityDisputesAndTraining", Outcome.Unauthenticated),
    ];

    private sealed partial class World
    {
        private (string Query, object Variables, string Field) StatisticsSectionOperation(string name) => name switch
        {
            "sectionParkDisputesA" => ("query($id: ID!) { parkStatistics(parkId: $id) { disputes { __typename } } }", new { id = ParkA }, "parkStatistics.disputes"),
            "sectionParkDisputesB" => ("query($id: ID!) { parkStatistics(parkId: $id) { disputes { __typename } } }", new { id = ParkB }, "parkStatistics"),
            "sectionCityDisputesAndTraining" => ("{ cityStatistics { disputes { __typename } training { __typename } } }", new { }, "cityStatistics.disputes"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown statistics section operation"),
        };
    }
}

internal static class StatisticsSectionMatrixRows
{
    public static TheoryData<string, string, AccessMatrixTests.Outcome> WithStatisticsSectionRows(this TheoryData<string, string, AccessMatrixTests.Outcome> rows)
    {
        foreach (var (caller, operation, expected) in AccessMatrixTests.StatisticsSectionRows)
        {
            rows.Add(caller, operation, expected);
        }

        return rows;
    }
}
