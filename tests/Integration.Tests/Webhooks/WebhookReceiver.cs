using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.Integration.Tests.Webhooks;

/// <summary>One POST the receiver got, and the status it answered.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, int Answered)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public string EventId => Headers["IpShield-Event-Id"];

    public bool Succeeded => Answered is >= 200 and < 300;
}

/// <summary>
/// A third party's receiver on a free local port (a real Kestrel, reached over TCP by the host under test): it records
/// every POST and answers 500 to the first <c>failFirst</c> ones, or to all while <see cref="Failing"/> is set.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failuresLeft;

    private WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var fail = Failing || Interlocked.Decrement(ref _failuresLeft) >= 0;
            var status = fail ? (int)HttpStatusCode.InternalServerError : (int)HttpStatusCode.NoContent;
            _received.Enqueue(new ReceivedWebhook(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), status));
            http.Response.StatusCode = status;
        });
    }

    /// <summary>While true, every POST is answered 500.</summary>
    public bool Failing { get; set; }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync(TestContext.Current.CancellationToken);
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = $"{address.TrimEnd('/')}/hook";
        return receiver;
    }

    public IReadOnlyList<ReceivedWebhook> Of(string eventId) => [.. Received.Where(r => r.EventId == eventId)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
