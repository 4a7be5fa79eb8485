using System.Net;
using IpShield.Integration.Tests.Live;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// Subscription fields in the matrix, opened over GraphQL-over-SSE: a stream opens (200, text/event-stream) or the caller
/// is refused before anything streams (401, 403). What each event shows a caller is tested with the streams themselves
/// (LiveSubscriptionTests, LiveWebSocketTests, LiveDisputesTests).
/// </summary>
public sealed partial class AccessMatrixTests
{
    public static TheoryData<string, string, Outcome> SubscriptionMatrix => new()
    {
        // Import progress: anyone signed in, under the job's own row rules (an unknown job streams NOT_FOUND).
        { "admin", "importProgress", Outcome.Allowed }, { "staffA", "importProgress", Outcome.Allowed }, { "member", "importProgress", Outcome.Allowed },
        { "dashboardA", "importProgress", Outcome.Allowed }, { "importerA", "importProgress", Outcome.Allowed }, { "anonymous", "importProgress", Outcome.Unauthenticated },

        // Deadlines, warnings and cases are for people.
        { "admin", "deadlinesApproaching", Outcome.Allowed }, { "staffA", "deadlinesApproaching", Outcome.Allowed }, { "member", "deadlinesApproaching", Outcome.Allowed },
        { "dashboardA", "deadlinesApproaching", Outcome.Forbidden }, { "importerA", "deadlinesApproaching", Outcome.Forbidden }, { "anonymous", "deadlinesApproaching", Outcome.Unauthenticated },
        { "admin", "riskWarningReceived", Outcome.Allowed }, { "staffA", "riskWarningReceived", Outcome.Allowed }, { "member", "riskWarningReceived", Outcome.Allowed },
        { "dashboardA", "riskWarningReceived", Outcome.Forbidden }, { "importerA", "riskWarningReceived", Outcome.Forbidden }, { "anonymous", "riskWarningReceived", Outcome.Unauthenticated },
        { "admin", "caseStageChanged", Outcome.Allowed }, { "staffA", "caseStageChanged", Outcome.Allowed }, { "member", "caseStageChanged", Outcome.Allowed },
        { "dashboardA", "caseStageChanged", Outcome.Forbidden }, { "importerA", "caseStageChanged", Outcome.Forbidden }, { "anonymous", "caseStageChanged", Outcome.Unauthenticated },
    };

    [Theory]
    [MemberData(nameof(SubscriptionMatrix))]
    public async Task Each_caller_may_open_exactly_the_streams_its_role_allows(string caller, string subscription, Outcome expected)
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        var (query, variables) = world.Subscription(subscription);

        await using var stream = await EventStream.OpenAsync(world.Client(host, caller).Http, query, variables);

        switch (expected)
        {
            case Outcome.Allowed:
                Assert.Equal(HttpStatusCode.OK, stream.Status);
                Assert.Equal("text/event-stream", stream.ContentType);
                break;
            case Outcome.Forbidden:
                Assert.Equal(HttpStatusCode.Forbidden, stream.Status);
                Assert.NotEqual("text/event-stream", stream.ContentType);
                break;
            case Outcome.Unauthenticated:
                Assert.Equal(HttpStatusCode.Unauthorized, stream.Status);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expected), expected, "not an outcome of opening a stream");
        }
    }

    private sealed partial class World
    {
        public (string Query, object Variables) Subscription(string name) => name switch
        {
            "importProgress" => ("subscription($id: ID!) { importProgress(jobId: $id) { status } }", new { id = GlobalId.Encode("EnterpriseImport", Guid.CreateVersion7()) }),
            "deadlinesApproaching" => ("subscription { deadlinesApproaching { kind } }", new { }),
            // Anyone but a member names the enterprise; the stream opens, and shows only what the caller may read of it.
            "riskWarningReceived" => ("subscription($id: ID) { riskWarningReceived(enterpriseId: $id) { id } }", new { id = EnterpriseA }),
            "caseStageChanged" => ("subscription { caseStageChanged { toStage } }", new { }),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown subscription"),
        };
    }
}
