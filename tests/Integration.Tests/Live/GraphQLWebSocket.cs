using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Live;

/// <summary>One message of the graphql-transport-ws protocol.</summary>
internal sealed record SocketMessage(string Type, string? Id, JsonElement Payload)
{
    /// <summary>An event id a <c>next</c> carries (<c>extensions.liveEventId</c>), to resume from.</summary>
    public long? EventId => Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty("extensions", out var e) && e.TryGetProperty("liveEventId", out var id) ? id.GetInt64() : null;
}

/// <summary>
/// A client of GraphQL over WebSocket as the <c>graphql-ws</c> npm client speaks it (graphql-transport-ws): the
/// subprotocol at the upgrade, the token in <c>connection_init</c>, then subscribe/next/complete by operation id.
/// </summary>
internal sealed class GraphQLWebSocket : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly WebSocket _socket;

    private GraphQLWebSocket(WebSocket socket) => _socket = socket;

    /// <summary>Every message received so far.</summary>
    public List<SocketMessage> Received { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public string? Subprotocol => _socket.SubProtocol;

    public static async Task<GraphQLWebSocket> ConnectAsync(PlatformHost host, string? subprotocol = "graphql-transport-ws")
    {
        var client = host.Factory.Server.CreateWebSocketClient();
        if (subprotocol is not null)
        {
            client.SubProtocols.Add(subprotocol);
        }

        var socket = await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, "graphql"), TestContext.Current.CancellationToken);
        return new GraphQLWebSocket(socket);
    }

    /// <summary>Opens a socket, says <c>connection_init</c> with the token, and waits for <c>connection_ack</c>.</summary>
    public static async Task<GraphQLWebSocket> ConnectAndInitAsync(PlatformHost host, string token)
    {
        var socket = await ConnectAsync(host);
        await socket.InitAsync(token);
        var ack = await socket.NextAsync();
        Assert.Equal("connection_ack", ack?.Type);
        return socket;
    }

    public Task InitAsync(string? token) =>
        SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } });

    public Task SubscribeAsync(string id, string query, object? variables = null, object? extensions = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables, extensions } });

    public Task CompleteAsync(string id) => SendAsync(new { id, type = "complete" });

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<SocketMessage?> NextAsync(TimeSpan? timeout = null)
    {
        using var time = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        time.CancelAfter(timeout ?? Wait);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, time.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                break;
            }
        }

        var json = JsonDocument.Parse(text.ToArray()).RootElement.Clone();
        var message = new SocketMessage(
            json.GetProperty("type").GetString()!,
            json.TryGetProperty("id", out var id) ? id.GetString() : null,
            json.TryGetProperty("payload", out var payload) ? payload : default);
        Received.Add(message);
        return message;
    }

    /// <summary>Reads until a message matches; fails after the wait, saying what it waited for and what came instead.</summary>
    public async Task<SocketMessage> UntilAsync(Func<SocketMessage, bool> wanted, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var before = Received.Count;
        try
        {
            while (await NextAsync(Wait > waited.Elapsed ? Wait - waited.Elapsed : TimeSpan.Zero) is { } message)
            {
                if (wanted(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what} within {Wait.TotalSeconds:0} s; meanwhile the socket received: [{string.Join(", ", Received.Skip(before).Select(m => $"{m.Type} {m.Id}"))}].");
        }

        throw new InvalidOperationException($"The socket closed ({CloseStatus} {CloseReason}) before {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var time = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, time.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // the server went first
            }
        }

        _socket.Dispose();
    }
}
