using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// Sends deliveries that are due. A host claims each one with a conditional update before sending (claimed by it, until
/// its lease runs out), so two hosts never send the same attempt; the result of the attempt is stored before the claim
/// is let go. A delivery whose last attempt fails goes to the dead letters, from which it can be replayed.
/// </summary>
internal sealed partial class WebhookSender(IServiceScopeFactory scopes, WebhookOptions options, TimeProvider time, ILogger<WebhookSender> logger) : IDisposable
{
    public const string EventIdHeader = "IpShield-Event-Id";
    public const string EventTypeHeader = "IpShield-Event-Type";
    public const string TimestampHeader = "IpShield-Timestamp";
    public const string AttemptHeader = "IpShield-Delivery-Attempt";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, // a redirect is not an answer: it counts as a failure, never followed to another host
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = options.Timeout,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout
    };

    /// <summary>Who holds a claim: unique per process, so a restarted host does not take its predecessor's claims for its own.</summary>
    public string HostId { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Claims and sends the deliveries due now, <see cref="WebhookOptions.Parallelism"/> at a time; how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
            due = await db.Deliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .Where(d => db.Endpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
        }

        var sent = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await ClaimAsync(id, WebhookDeliveryStatus.Pending, ct))
            {
                await AttemptAsync(id, replay: false, ct);
                Interlocked.Increment(ref sent);
            }
        });
        return sent;
    }

    /// <summary>
    /// One more attempt of a dead-lettered delivery, now: Handled when the receiver took it (the dead letter is then
    /// marked replayed), Failed with the reason otherwise; null when no delivery has this id.
    /// </summary>
    public async Task<DeliveryOutcome?> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        WebhookDelivery? delivery;
        await using (var scope = scopes.CreateAsyncScope())
        {
            delivery = await scope.ServiceProvider.GetRequiredService<WebhookDbContext>().Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        }

        if (delivery is null)
        {
            return null;
        }

        if (delivery.Status == WebhookDeliveryStatus.Succeeded)
        {
            return DeliveryOutcome.Handled; // replayed before, or delivered after all
        }

        if (delivery.Status != WebhookDeliveryStatus.DeadLettered || !await ClaimAsync(id, WebhookDeliveryStatus.DeadLettered, cancellationToken))
        {
            return new DeliveryOutcome(DeliveryStatus.Failed, "The delivery is not in the dead letters, or is being sent right now.");
        }

        var (succeeded, error) = await AttemptAsync(id, replay: true, cancellationToken);
        return succeeded ? DeliveryOutcome.Handled : new DeliveryOutcome(DeliveryStatus.Failed, error);
    }

    private async Task<bool> ClaimAsync(Guid id, WebhookDeliveryStatus status, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Lease;
        var rows = db.Deliveries.Where(d => d.Id == id && d.Status == status && (d.ClaimedUntil == null || d.ClaimedUntil < now));
        if (status == WebhookDeliveryStatus.Pending)
        {
            // Only when due: another host may have tried it since this one listed it, and set its next attempt later.
            rows = rows.Where(d => d.NextAttemptAt <= now);
        }

        return await rows.ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimedBy, HostId).SetProperty(d => d.ClaimedUntil, until), cancellationToken) == 1;
    }

    /// <summary>POSTs a claimed delivery once and stores what came of it; the claim ends with the stored result.</summary>
    private async Task<(bool Succeeded, string? Error)> AttemptAsync(Guid id, bool replay, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        var endpoint = delivery is null ? null : await db.Endpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (delivery is null || endpoint is null)
        {
            return (false, "The endpoint was deleted.");
        }

        var number = delivery.Attempts + 1;
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var (status, error) = await PostAsync(endpoint, delivery, number, startedAt, cancellationToken);
        var succeeded = status is >= 200 and < 300;
        var now = time.GetUtcNow().UtcDateTime;
        db.Attempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id, Number = number, AttemptedAt = startedAt.UtcDateTime, StatusCode = status, Error = error,
            DurationMs = (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds), Succeeded = succeeded,
        });
        delivery.Attempts = number;
        delivery.LastStatusCode = status;
        delivery.LastError = error;
        delivery.ClaimedBy = null;
        delivery.ClaimedUntil = null;
        if (succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Succeeded;
            delivery.SucceededAt = now;
            delivery.ReplayedAt = replay ? now : null;
        }
        else if (replay)
        {
            delivery.DeadLetteredAt = now; // still a dead letter, failed again
        }
        else if (number >= options.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.DeadLettered;
            delivery.DeadLetteredAt = now;
            LogDeadLettered(logger, delivery.Id, endpoint.Url, number, error);
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookBackoff.After(number, options.FirstRetryDelay, options.MaxRetryDelay, Random.Shared);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (succeeded, error);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, int number, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IpShield-Webhooks", "1"));
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(EventTypeHeader, delivery.EventType);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(AttemptHeader, number.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(endpoint.Secret, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"The receiver answered {code}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            var text = $"Could not reach the receiver: {ex.Message}";
            return (null, text.Length > WebhookDelivery.ErrorMax ? text[..WebhookDelivery.ErrorMax] : text);
        }
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url} failed {Attempts} times and went to the dead letters: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, Guid deliveryId, string url, int attempts, string? error);
}
