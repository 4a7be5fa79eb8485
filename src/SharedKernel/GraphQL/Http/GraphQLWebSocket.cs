using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// GraphQL over WebSocket, the graphql-transport-ws protocol (the <c>graphql-ws</c> npm client's), on the same path as
/// HTTP (ADR 0026). A browser cannot set headers on a WebSocket, so the access token comes in <c>connection_init</c>'s
/// payload (<c>{ "Authorization": "Bearer …" }</c>) and gets the same checks as a header's; then each <c>subscribe</c>
/// runs like a request of that caller, any number at once on one socket. Subscriptions stream <c>next</c> messages
/// whose <c>extensions.liveEventId</c> a client passes back as <c>extensions.lastEventId</c> to resume after a
/// reconnect, as <c>Last-Event-ID</c> does over SSE. Protocol violations close the socket with the protocol's codes.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    public const string WebSocketSubprotocol = "graphql-transport-ws";

    /// <summary>The subscribe payload's extension a reconnecting client names its last event with.</summary>
    public const string LastEventIdExtension = "lastEventId";

    private IGraphQLTextSerializer Serializer => serializer;

    private GraphQLEndpointOptions Options => options;

    private async Task HandleWebSocketAsync(HttpContext http)
    {
        if (!string.IsNullOrEmpty(http.Request.Headers.Authorization) && http.User.Identity?.IsAuthenticated != true)
        {
            // A non-browser client may send its token with the upgrade; a bad one is refused before the socket opens.
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status401Unauthorized, AccessValidationRule.Unauthenticated, "The access token is missing, expired, revoked or not meant for this API."), GraphQLMediaTypes.Json);
            return;
        }

        var offered = http.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketSubprotocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(offered ? WebSocketSubprotocol : null);
        var session = new WebSocketSession(this, http, socket);
        if (!offered)
        {
            await session.CloseAsync(WebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
            return;
        }

        await session.RunAsync();
    }

    /// <summary>The close codes graphql-transport-ws defines.</summary>
    internal static class WebSocketCloseCodes
    {
        public const int BadRequest = 4400;
        public const int Unauthorized = 4401;
        public const int Forbidden = 4403;
        public const int SubprotocolNotAcceptable = 4406;
        public const int ConnectionInitialisationTimeout = 4408;
        public const int SubscriberAlreadyExists = 4409;
        public const int TooManyInitialisationRequests = 4429;
        public const int InternalError = 4500;
    }

    /// <summary>One socket: its caller (after <c>connection_init</c>), its running operations by id, one writer at a time.</summary>
    private sealed class WebSocketSession(GraphQLHttpEndpoint endpoint, HttpContext http, WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        private readonly LiveOptions _live = http.RequestServices.GetService<LiveOptions>() ?? new LiveOptions();
        private volatile bool _initialised;
        private volatile bool _acknowledged;

        public async Task RunAsync()
        {
            _ = CloseUnlessInitialisedAsync();
            try
            {
                while (socket.State == WebSocketState.Open && await ReceiveAsync() is { } text)
                {
                    await OnMessageAsync(text);
                }
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                // closed by us or the client went away
            }
            catch (WebSocketException)
            {
                // the connection dropped
            }
            finally
            {
                await _closing.CancelAsync();
                foreach (var operation in _operations.Values)
                {
                    await operation.CancelAsync();
                }
            }
        }

        /// <summary>A client that opens a socket and says nothing is not kept waiting on.</summary>
        private async Task CloseUnlessInitialisedAsync()
        {
            try
            {
                await Task.Delay(_live.ConnectionInitTimeout, _closing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_initialised)
            {
                await CloseAsync(WebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
            }
        }

        /// <summary>One whole text message, or null when the client closed; too large a message closes the socket.</summary>
        private async Task<string?> ReceiveAsync()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                using var message = new MemoryStream();
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, _closing.Token);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, null);
                        return null;
                    }

                    message.Write(buffer, 0, received.Count);
                    if (message.Length > endpoint.Options.MaxRequestBytes)
                    {
                        await CloseAsync(WebSocketCloseCodes.BadRequest, "Message too large");
                        return null;
                    }

                    if (received.EndOfMessage)
                    {
                        return received.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : "";
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private async Task OnMessageAsync(string text)
        {
            string? type;
            string? id;
            JsonElement payload;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                payload = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            }
            catch (JsonException)
            {
                await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received");
                return;
            }

            switch (type)
            {
                case "connection_init":
                    await InitialiseAsync(payload);
                    break;
                case "ping":
                    await SendAsync(Message(null, "pong", payload.ValueKind == JsonValueKind.Object ? payload.GetRawText() : null));
                    break;
                case "pong":
                    break;
                case "subscribe" when !_acknowledged:
                    await CloseAsync(WebSocketCloseCodes.Unauthorized, "Unauthorized");
                    break;
                case "subscribe" when string.IsNullOrEmpty(id) || payload.ValueKind != JsonValueKind.Object:
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received");
                    break;
                case "subscribe":
                    await SubscribeAsync(id!, payload);
                    break;
                case "complete" when !string.IsNullOrEmpty(id):
                    if (_operations.TryRemove(id!, out var operation))
                    {
                        await operation.CancelAsync();
                    }

                    break;
                default:
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received");
                    break;
            }
        }

        /// <summary>
        /// Takes the caller from the payload's token (or the upgrade request's header, already checked), then says
        /// <c>connection_ack</c>. A token that does not validate closes the socket as forbidden: a client is never
        /// downgraded to anonymous.
        /// </summary>
        private async Task InitialiseAsync(JsonElement payload)
        {
            if (_initialised)
            {
                await CloseAsync(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
                return;
            }

            _initialised = true;
            if (BearerOf(payload) is { } token)
            {
                var validator = http.RequestServices.GetRequiredService<IAccessTokenValidator>();
                if (token.Length == 0 || await validator.ValidateAsync(token, _closing.Token) is not { } principal)
                {
                    await CloseAsync(WebSocketCloseCodes.Forbidden, "Forbidden");
                    return;
                }

                http.User = principal;
            }

            _acknowledged = true;
            await SendAsync(Message(null, "connection_ack", null));
        }

        private static string? BearerOf(JsonElement payload)
        {
            if (payload.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in payload.EnumerateObject())
            {
                if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : "";
                    return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : "";
                }
            }

            return null;
        }

        private async Task SubscribeAsync(string id, JsonElement payload)
        {
            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            if (!_operations.TryAdd(id, cancellation))
            {
                cancellation.Dispose();
                await CloseAsync(WebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
                return;
            }

            // Operations run beside the receive loop: a client may subscribe to several and complete any of them.
            _ = Task.Run(async () =>
            {
                try
                {
                    await RunOperationAsync(id, payload, cancellation.Token);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    // completed by the client, or the socket closed
                }
                catch (WebSocketException)
                {
                    // the connection dropped mid-send
                }
                finally
                {
                    _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancellation));
                    cancellation.Dispose();
                }
            });
        }

        private async Task RunOperationAsync(string id, JsonElement payload, CancellationToken cancellationToken)
        {
            GraphQLRequest? request;
            try
            {
                request = endpoint.Serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                request = null;
            }

            if (request is null || (string.IsNullOrWhiteSpace(request.Query) && request.DocumentId is null))
            {
                await SendErrorsAsync(id, new ExecutionError("The subscribe payload must carry a query (or a trusted document's id).") { Code = HttpRequestProblem.BadRequest("").Code });
                return;
            }

            if (await ResolveTrustedDocumentAsync(http, request) is { } refused)
            {
                await SendErrorsAsync(id, new ExecutionError(refused.Message) { Code = refused.Code });
                return;
            }

            long? resumeAfter = null;
            if (request.Extensions?.TryGetValue(LastEventIdExtension, out var last) == true && last is not null)
            {
                if (!long.TryParse(Convert.ToString(last, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var after))
                {
                    await SendErrorsAsync(id, new ExecutionError("extensions.lastEventId must be an id this server sent.") { Code = InvalidLastEventId });
                    return;
                }

                resumeAfter = after;
            }

            var (result, _) = await endpoint.ExecuteAsync(http, request, resumeAfter, cancellationToken);
            if (result.Streams is not { Count: > 0 } streams)
            {
                if (!result.Executed)
                {
                    // Refused before it ran (syntax, validation, access, budget): the protocol's error message, no complete.
                    await SendErrorsAsync(id, [.. result.Errors ?? []]);
                    return;
                }

                await SendNextAsync(id, result, cancellationToken);
                await SendCompleteAsync(id);
                return;
            }

            var results = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(_live.MaxQueuedPerSubscription) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            using (streams.Values.Single().Subscribe(new BoundedObserver(results.Writer, _live.MaxQueuedPerSubscription)))
            {
                try
                {
                    await foreach (var next in results.Reader.ReadAllAsync(cancellationToken))
                    {
                        await SendNextAsync(id, next, cancellationToken);
                    }
                }
                catch (SlowSubscriberException slow)
                {
                    // Nothing is lost: the client subscribes again with the last event id it got.
                    await SendErrorsAsync(id, new ExecutionError(slow.Message) { Code = SlowSubscriberException.ErrorCode });
                    return;
                }
            }

            await SendCompleteAsync(id);
        }

        private Task SendNextAsync(string id, ExecutionResult result, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A result shared by many subscribers (ADR 0026) is serialized once; only the message around it is this socket's.
            var payload = result is SharedLiveResult shared
                ? shared.Frame.GetOrMake(WebSocketSubprotocol, () => endpoint.Serializer.Serialize(result))
                : endpoint.Serializer.Serialize(result);
            return SendAsync(Message(id, "next", payload));
        }

        private Task SendCompleteAsync(string id) =>
            _operations.ContainsKey(id) ? SendAsync(Message(id, "complete", null)) : Task.CompletedTask; // not after the client's own complete

        /// <summary>The protocol's <c>error</c> message: its payload is the list of errors, as a result would carry them.</summary>
        private Task SendErrorsAsync(string id, params ExecutionError[] errors)
        {
            using var result = JsonDocument.Parse(endpoint.Serializer.Serialize(new ExecutionResult { Errors = [.. errors] }));
            return SendAsync(Message(id, "error", result.RootElement.GetProperty("errors").GetRawText()));
        }

        private static string Message(string? id, string type, string? payloadJson)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (id is not null)
                {
                    json.WriteString("id", id);
                }

                json.WriteString("type", type);
                if (payloadJson is not null)
                {
                    json.WritePropertyName("payload");
                    json.WriteRawValue(payloadJson, skipInputValidation: true);
                }

                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        private async Task SendAsync(string message)
        {
            await _sending.WaitAsync(_closing.Token);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
                }
            }
            finally
            {
                _sending.Release();
            }
        }

        public Task CloseAsync(int code, string reason) => CloseAsync((WebSocketCloseStatus)code, reason);

        private async Task CloseAsync(WebSocketCloseStatus status, string? reason)
        {
            await _sending.WaitAsync(CancellationToken.None);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(status, reason, CancellationToken.None);
                }
            }
            catch (WebSocketException)
            {
                // already gone
            }
            finally
            {
                _sending.Release();
                await _closing.CancelAsync();
            }
        }
    }
}

/// <summary>
/// A subscriber that let more than <see cref="LiveOptions.MaxQueuedPerSubscription"/> results pile up (a stalled client):
/// its stream ends with this error instead of holding memory without bound; it resumes from its last event id.
/// </summary>
internal sealed class SlowSubscriberException(int queued)
    : Exception($"More than {queued} results were waiting for this subscriber; subscribe again with the last event id received to resume.")
{
    public const string ErrorCode = "SLOW_SUBSCRIBER";
}

/// <summary>Moves a subscription's results onto a bounded channel; a full channel ends it with <see cref="SlowSubscriberException"/>.</summary>
internal sealed class BoundedObserver(ChannelWriter<ExecutionResult> results, int capacity) : IObserver<ExecutionResult>
{
    public void OnNext(ExecutionResult value)
    {
        if (!results.TryWrite(value))
        {
            results.TryComplete(new SlowSubscriberException(capacity));
        }
    }

    public void OnError(Exception error) => results.TryComplete(error);

    public void OnCompleted() => results.TryComplete();
}
