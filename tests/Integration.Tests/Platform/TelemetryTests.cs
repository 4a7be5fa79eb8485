using System.Collections.Concurrent;
using System.Diagnostics;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Platform;

/// <summary>What an operator's tracing backend receives: listened to in process, as an OpenTelemetry SDK would listen.</summary>
[Collection(SqliteCollection.Name)]
public sealed class TelemetryTests(SqliteHost host)
{
    [Fact]
    public async Task An_operation_leaves_a_GraphQL_span_in_the_trace_its_response_names()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "GraphQL" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var response = await host.CreateClient().PostAsync("query ParkCount { parks(first: 1) { totalCount } }", operationName: "ParkCount");

        Assert.False(response.HasErrors, response.Text);
        Assert.NotNull(response.TraceId);
        var span = Assert.Single(stopped, a => a.Source.Name == "GraphQL" && a.TraceId.ToString() == response.TraceId);
        Assert.Equal("ParkCount", span.GetTagItem("graphql.operation.name"));
        Assert.Equal("query", span.GetTagItem("graphql.operation.type"));
        Assert.Null(span.GetTagItem("graphql.document")); // literals may be personal data
        Assert.Equal("Microsoft.AspNetCore", span.Parent?.Source.Name); // inside the HTTP request's span
    }
}
