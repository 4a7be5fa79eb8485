using System.Runtime.CompilerServices;
using System.Text.Json;
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
public sealed class LiveSubscriptionExecutionStrategy(IServiceScopeFactory scopes, LiveSharedWork shared)
    : ScopedSubscriptionExecutionStrategy(scopes, new SerialExecutionStrategy())
{
    /// <summary>The result extension the SSE transport turns into the event's <c>id:</c> (and removes).</summary>
    public const string EventIdExtension = "liveEventId";

    /// <summary>Each open subscription's document key, worked out at its first event rather than at every one.</summary>
    private static readonly ConditionalWeakTable<global::GraphQL.Execution.ExecutionContext, StrongBox<string?>> DocumentKeys = [];

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        if (value is not LiveDelivery delivery)
        {
            return await base.ProcessDataAsync(context, node, value);
        }

        if (delivery.ShareKey is not null && DocumentKeys.GetValue(context, c => new StrongBox<string?>(DocumentKey(c))).Value is { } document)
        {
            // Subscribers who see the same rows and sent the same document get the same result: execute it once per
            // event, and let the transport encode it once (the copies differ only in their own extensions dictionary).
            var once = (SharedLiveResult)(await shared.GetOrRunAsync(
                delivery.Seq, $"result|{delivery.ShareKey}|{document}", async () => Shared(await base.ProcessDataAsync(context, node, delivery.Value), delivery.Seq)))!;
            return new SharedLiveResult(once, once.Frame) { Extensions = new(once.Extensions!) };
        }

        var result = await base.ProcessDataAsync(context, node, delivery.Value);
        result.Extensions ??= [];
        result.Extensions[EventIdExtension] = delivery.Seq;
        return result;
    }

    private static SharedLiveResult Shared(ExecutionResult executed, long seq)
    {
        var result = new SharedLiveResult(executed, new SharedFrame());
        result.Extensions = executed.Extensions is null ? [] : new(executed.Extensions);
        result.Extensions[EventIdExtension] = seq;
        return result;
    }

    /// <summary>The document, operation and variables of the subscription, as text; null when the variables cannot be written out.</summary>
    private static string? DocumentKey(global::GraphQL.Execution.ExecutionContext context)
    {
        try
        {
            var variables = context.Variables.ToDictionary(v => v.Name, v => v.Value);
            return string.Concat(context.Operation.Name?.StringValue, "|", JsonSerializer.Serialize(variables), "|", context.Document.Source.ToString());
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
