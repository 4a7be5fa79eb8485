using System.Text.Json;
using IpShield.Integration.Tests.Disputes;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.SharedKernel.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Platform;

/// <summary>
/// Statistics answers computed again after a write (ADR 0042), on MariaDB: once the host that wrote in a park has
/// computed the park's answers again in the background, the next poll is given them kept, with the write in them, for
/// the cost of the version reads.
/// </summary>
public sealed class StatisticsRefreshedAfterWritesTests
{
    private const string Document =
        """
        query($id: ID!) {
          parkStatistics(parkId: $id) {
            enterprises { settled sales { month units } }
            portfolios { enterprisesHoldingRights }
            training { sessionsHeld }
            disputes { openByStage { label count } }
          }
        }
        """;

    [Fact]
    public async Task A_page_polling_after_writes_in_its_park_gets_the_fresh_figures_without_computing_them()
    {
        var database = await TestDatabases.CreateMariaDbAsync("refresh");
        try
        {
            await using var host = new SharedMariaDbHost(database);
            await host.InitializeAsync();
            var admin = host.CreateClient();
            var scenario = new DisputeScenario(admin);
            var (park, station, _) = await scenario.WorkstationsAsync();
            var seller = await scenario.EnterpriseAsync("刷新卖家", ["AE"], ["NOON"], [], park, station);
            Assert.Empty(DisputeScenario.Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "noon complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DisputeScenario.DaysAgo(1) })));
            await Eventually.MatchAsync(async () => OpenCases(await StatisticsAsync(admin, park)), open => open == 1, "the case to count for the park");

            // The centre's page polls (exact figures: a dashboard's would withhold one seller's sales): its answer is kept
            // once the background writes and refreshes have ended.
            host.Statements.Reset();
            await admin.DataAsync("query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }", new { id = park });
            var versionsOnly = host.Statements.Count + 4;
            await QuietAsync(host);
            await StatisticsAsync(admin, park);

            // Staff write in the park (two modules); the page polls a moment later, as it does every few seconds.
            Assert.Empty(DisputeScenario.Codes(await scenario.OpenAsync(new { enterpriseId = seller, title = "second complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = DisputeScenario.DaysAgo(1) })));
            Assert.Empty(EnterpriseScenario.Codes(await new EnterpriseScenario(admin).MutateAsync("recordMonthlySales", "RecordMonthlySalesInput", new { id = seller, month = "2026-10", units = 40, revenue = 400m, currency = "USD" })));
            await QuietAsync(host);

            host.Statements.Reset();
            var polled = await StatisticsAsync(admin, park);
            Assert.Equal(versionsOnly, host.Statements.Count);
            Assert.Equal(2, OpenCases(polled));
            Assert.Equal(40, polled.At("enterprises.sales").EnumerateArray().Sum(s => s.GetProperty("units").GetInt32()));
        }
        finally
        {
            await TestDatabases.DropMariaDbAsync(database);
        }
    }

    /// <summary>
    /// Until the outboxes are delivered and no refresh is queued or running, twice in a row a moment apart (a handler
    /// may commit just after the outbox read as delivered). With <paramref name="stampsReadAfterWrites"/> (another host
    /// wrote: this host learns of it from the stamps, ADR 0043) the moment lasts until this host has read the stamps twice
    /// more, so that one read began after any late commit and queued its refresh.
    /// </summary>
    internal static async Task QuietAsync(PlatformHost host, bool stampsReadAfterWrites = false)
    {
        var answers = host.Services.GetRequiredService<StatisticsAnswers>();
        async Task<bool> QuietNowAsync() => await host.OutboxesDrainedAsync() && !answers.Refreshing;
        await Eventually.MatchAsync(
            async () =>
            {
                if (!await QuietNowAsync())
                {
                    return false;
                }

                var read = answers.StampReads;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
                for (var waited = 0; stampsReadAfterWrites && answers.StampReads < read + 2; waited++)
                {
                    if (waited == 200)
                    {
                        return false; // 5 s: the host is not reading its stamps (no answer asked lately?)
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(25));
                }

                return await QuietNowAsync();
            },
            quiet => quiet,
            "the host's background writes and refreshes to end");
    }

    private static async Task<JsonElement> StatisticsAsync(GraphQLClient client, string park) =>
        (await client.DataAsync(Document, new { id = park })).At("parkStatistics");

    private static int OpenCases(JsonElement statistics) =>
        statistics.At("disputes.openByStage").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32());
}
