using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IpShield.Integration.Tests.Live;

/// <summary>One Server-Sent Event as the graphql-sse protocol sends it: <c>id:</c>, <c>event:</c> next or complete, <c>data:</c>.</summary>
internal sealed record ServerSentEvent(string? Id, string Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    public long Number => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A subscription over GraphQL-over-SSE (distinct connections mode), read the way a browser's EventSource or the
/// graphql-sse client reads it: POST with Accept: text/event-stream and a bearer token, events parsed line by line.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Every event read so far, keep-alive comments aside.</summary>
    public List<ServerSentEvent> Received { get; } = [];

    /// <summary>Opens the stream; returns once the response has started (the server is listening from then on).</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string query, object? variables = null, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new EventStream(response, new StreamReader(body, Encoding.UTF8));
    }

    /// <summary>The next event, or null when the server closed the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan timeout)
    {
        using var time = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        time.CancelAfter(timeout);
        string? id = null, name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(time.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is null)
                {
                    continue; // a keep-alive comment ended
                }

                var received = new ServerSentEvent(id, name, data.ToString());
                Received.Add(received);
                return received;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : string.Empty).Append(value); break;
            }
        }

        return null;
    }

    /// <summary>Reads events until one satisfies <paramref name="done"/>; fails after <paramref name="seconds"/>.</summary>
    public async Task<ServerSentEvent> UntilAsync(Func<ServerSentEvent, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var next = await NextAsync(deadline - DateTime.UtcNow);
                Assert.True(next is not null, $"The stream ended before {what}; received: {string.Join(" | ", Received)}");
                if (done(next))
                {
                    return next;
                }
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        Assert.Fail($"Gave up after {seconds} s waiting for {what}; received: {string.Join(" | ", Received)}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
