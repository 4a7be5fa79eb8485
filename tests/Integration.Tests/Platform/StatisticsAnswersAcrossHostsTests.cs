using System.Text.Json;
using IpShield.Integration.Tests.Disputes;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// Statistics answers kept per version of each module's data (ADR 0037), with two hosts on one MariaDB database: a
/// dashboard asking again gets the answer without its sections being counted again, and a write on the other host shows
/// in the very next answer.
/// </summary>
public sealed class StatisticsAnswersAcrossHostsTests
{
    private const string Document =
        """
        query($id: ID!) {
          parkStatistics(parkId: $id) {
            enterprises { settled }
            portfolios { enterprisesHoldingRights }
            training { sessionsHeld }
            disputes { openByStage { label count } }
          }
        }
        """;

    private const string WorkstationCountsOnly = "query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }";

    [Fact]
    public async Task A_repeated_read_only_checks_each_modules_version_and_a_write_on_another_host_shows_in_the_next_answer()
    {
        var database = await TestDatabases.CreateMariaDbAsync("answers");
        try
        {
            await using var reading = new SharedMariaDbHost(database);
            await reading.InitializeAsync();
            await using var writing = new SharedMariaDbHost(database);
            await writing.InitializeAsync();
            var reader = reading.CreateClient();
            var scenario = new DisputeScenario(writing.CreateClient());
            var (park, own, _) = await scenario.WorkstationsAsync();
            for (var i = 0; i < 2; i++)
            {
                var seller = await scenario.EnterpriseAsync($"缓存卖家{i}", ["AE"], ["NOON"], [], park, own);
                Assert.Empty(DisputeScenario.Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "noon complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DisputeScenario.DaysAgo(1) })));
            }

            // The Disputes module learns where the sellers are settled through the outbox, on either host.
            var first = await Eventually.MatchAsync(
                async () => await StatisticsAsync(reader, park),
                s => OpenCases(s) == 2,
                "both cases to count for the park");

            reading.Statements.Reset();
            await reader.DataAsync(WorkstationCountsOnly, new { id = park });
            var workstationCounts = reading.Statements.Count;

            // Background writes of either host still change a module's version when they commit: handlers hearing of the
            // settlements, the coverage-gap build each host runs at its start. CI once saw one land between the two
            // questions (a section rightly counted again). Once they have ended, asking again counts nothing again: the
            // park's own counts, and one version read per section.
            await Eventually.MatchAsync(() => writing.OutboxesDrainedAsync(), drained => drained, "the outboxes delivered the settlements");
            var again = await Eventually.MatchAsync(
                async () =>
                {
                    reading.Statements.Reset();
                    var answer = await StatisticsAsync(reader, park);
                    return (Answer: answer, Statements: reading.Statements.Count);
                },
                asked => asked.Statements == workstationCounts + 4,
                "an answer asked again to count nothing again once the background writes ended");
            Assert.Equal(first.GetRawText(), again.Answer.GetRawText());

            // Written on the other host: the next answer here has it, without waiting.
            var third = await scenario.EnterpriseAsync("缓存卖家2", ["AE"], ["NOON"], [], park, own);
            Assert.Equal(3, (await StatisticsAsync(reader, park)).At("enterprises.settled").GetInt32());
            Assert.Empty(DisputeScenario.Codes(await scenario.OpenAsync(new { enterpriseId = third, title = "second complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DisputeScenario.DaysAgo(1) })));
            // The case counts for the park once the Disputes module has heard where the seller settled (a handler's write,
            // on whichever host relays it): a kept answer would say 2 for ever.
            await Eventually.MatchAsync(async () => await StatisticsAsync(reader, park), s => OpenCases(s) == 3, "the third case to count for the park");
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    private static async Task<JsonElement> StatisticsAsync(GraphQLClient client, string park) =>
        (await client.DataAsync(Document, new { id = park })).At("parkStatistics");

    private static int OpenCases(JsonElement statistics) =>
        statistics.At("disputes.openByStage").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32());
}
