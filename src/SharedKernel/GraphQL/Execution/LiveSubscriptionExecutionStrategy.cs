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

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        if (value is not LiveDelivery delivery)
        {
            return await base.ProcessDataAsync(context, node, value);
        }

        ExecutionResult result;
        if (delivery.ShareKey is not null && DocumentKey(context) is { } document)
        {
            // Subscribers who see the same rows and sent the same document get the same result: execute it once per event.
            var once = (ExecutionResult)(await shared.GetOrRunAsync(
                delivery.Seq, $"result|{delivery.ShareKey}|{document}", async () => await base.ProcessDataAsync(context, node, delivery.Value)))!;
            result = new ExecutionResult(once) { Extensions = once.Extensions is null ? null : new(once.Extensions) };
        }
        else
        {
            result = await base.ProcessDataAsync(context, node, delivery.Value);
        }

        result.Extensions ??= [];
        result.Extensions[EventIdExtension] = delivery.Seq;
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
