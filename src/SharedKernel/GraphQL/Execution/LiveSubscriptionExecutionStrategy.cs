using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using IpShield.SharedKernel.Live;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// Runs each event of a subscription in a service scope of its own (a fresh DbContext and fresh data loaders: a
/// stream lives for hours, a request's caches must not), serially like queries, and passes the number of the event
/// it came from to the transport in <see cref="EventIdExtension"/>.
/// </summary>
public sealed class LiveSubscriptionExecutionStrategy(IServiceScopeFactory scopes)
    : ScopedSubscriptionExecutionStrategy(scopes, new SerialExecutionStrategy())
{
    /// <summary>The result extension the SSE transport turns into the event's <c>id:</c> (and removes).</summary>
    public const string EventIdExtension = "liveEventId";

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        if (value is not LiveDelivery delivery)
        {
            return await base.ProcessDataAsync(context, node, value);
        }

        var result = await base.ProcessDataAsync(context, node, delivery.Value);
        result.Extensions ??= [];
        result.Extensions[EventIdExtension] = delivery.Seq;
        return result;
    }
}
