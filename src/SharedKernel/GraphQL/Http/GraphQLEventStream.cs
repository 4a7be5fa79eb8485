using System.Globalization;
using System.Text;
using System.Threading.Channels;
using GraphQL;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// GraphQL over Server-Sent Events, the graphql-sse protocol's distinct connections mode (ADR 0022): a POST with
/// <c>Accept: text/event-stream</c> and the bearer token in the header; each result is an <c>event: next</c> with the
/// number of the event it came from as <c>id:</c>, the end is <c>event: complete</c>, and a comment line keeps a quiet
/// stream open. A client reconnecting with <c>Last-Event-ID</c> first gets what it missed. Requests refused before
/// execution (a bad token, a forbidden field, an invalid document) get a status and a JSON body, as over plain HTTP.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    public const string EventStream = "text/event-stream";
    public const string LastEventIdHeader = "Last-Event-ID";
    public const string InvalidLastEventId = "INVALID_LAST_EVENT_ID";
    public const string SubscriptionNeedsEventStream = "SUBSCRIPTION_NEEDS_EVENT_STREAM";

    private static bool WantsEventStream(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Headers.Accept.Any(a => a is not null && a.Contains(EventStream, StringComparison.OrdinalIgnoreCase));

    private async Task HandleEventStreamAsync(HttpContext http)
    {
        const string errorMediaType = GraphQLMediaTypes.GraphQLResponse;
        if (!string.IsNullOrEmpty(http.Request.Headers.Authorization) && http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status401Unauthorized, AccessValidationRule.Unauthenticated, "The access token is missing, expired, revoked or not meant for this API."), errorMediaType);
            return;
        }

        long? resumeAfter = null;
        if (http.Request.Headers[LastEventIdHeader] is { Count: > 0 } lastEventId)
        {
            if (!long.TryParse(lastEventId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status400BadRequest, InvalidLastEventId, "Last-Event-ID must be an id this server sent."), errorMediaType);
                return;
            }

            resumeAfter = last;
        }

        var (request, problem) = await _reader.ReadAsync(http.Request, http.RequestAborted);
        problem ??= request is null ? null : await ResolveTrustedDocumentAsync(http, request);
        if (problem is not null || request is null)
        {
            await WriteProblemAsync(http, problem!, errorMediaType);
            return;
        }

        var (result, budgetCharge) = await ExecuteAsync(http, request, resumeAfter);
        if (result.Streams is not { Count: > 0 } streams)
        {
            var status = StatusOf(http, result, budgetCharge, errorMediaType);
            if (status != StatusCodes.Status200OK)
            {
                await WriteResultAsync(http, result, status, errorMediaType);
                return;
            }

            // A query or mutation over SSE: its one result, then the end.
            StartEventStream(http);
            await WriteEventAsync(http, result);
            await WriteCompleteAsync(http);
            return;
        }

        StartEventStream(http);
        var keepAlive = (http.RequestServices.GetService<LiveOptions>() ?? new LiveOptions()).KeepAlive;
        var capacity = (http.RequestServices.GetService<LiveOptions>() ?? new LiveOptions()).MaxQueuedPerSubscription;
        var results = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(capacity) { SingleReader = true });
        // One root field per subscription (the spec's single-root-field rule): one stream.
        using var subscription = streams.Values.Single().Subscribe(new BoundedObserver(results.Writer, capacity));
        try
        {
            await http.Response.Body.FlushAsync(http.RequestAborted);
            while (true)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                quiet.CancelAfter(keepAlive);
                bool more;
                try
                {
                    more = await results.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await WriteTextAsync(http, ": keep-alive\n\n");
                    continue;
                }

                if (!more)
                {
                    break;
                }

                // Everything waiting goes out with one flush: a burst of events costs one write to the socket.
                while (results.Reader.TryRead(out var next))
                {
                    await WriteEventAsync(http, next, flush: false);
                }

                await http.Response.Body.FlushAsync(http.RequestAborted);
            }

            await WriteCompleteAsync(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client closed the stream; disposing the subscription stops it
        }
        catch (SlowSubscriberException slow)
        {
            // Nothing is lost: the client subscribes again with the last event id it got (Last-Event-ID).
            await WriteEventAsync(http, new ExecutionResult(new ExecutionError(slow.Message) { Code = SlowSubscriberException.ErrorCode }));
            await WriteCompleteAsync(http);
        }
    }

    private static void StartEventStream(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = $"{EventStream}; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // a buffering proxy would hold events back
    }

    private async Task WriteEventAsync(HttpContext http, ExecutionResult result, bool flush = true)
    {
        // A result shared by many subscribers (ADR 0026) is the same event for each of them: encoded once, sent as is.
        var frame = result is SharedLiveResult shared ? shared.Frame.GetOrMake(EventStream, () => EventFrame(result)) : EventFrame(result);
        await http.Response.Body.WriteAsync(frame, http.RequestAborted);
        if (flush)
        {
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
    }

    private byte[] EventFrame(ExecutionResult result)
    {
        var text = new StringBuilder();
        if (result.Extensions?.Remove(LiveSubscriptionExecutionStrategy.EventIdExtension, out var id) == true)
        {
            text.Append("id: ").Append(Convert.ToString(id, CultureInfo.InvariantCulture)).Append('\n');
            if (result.Extensions.Count == 0)
            {
                result.Extensions = null;
            }
        }

        text.Append("event: next\n");
        foreach (var line in serializer.Serialize(result).Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    private static Task WriteCompleteAsync(HttpContext http) => WriteTextAsync(http, "event: complete\ndata:\n\n");

    private static async Task WriteTextAsync(HttpContext http, string text)
    {
        await http.Response.WriteAsync(text, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
