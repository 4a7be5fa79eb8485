using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// Each host's webhook loop: fan new live events out into deliveries, send what is due, now and then forget deliveries
/// delivered long ago. Everything is in the database, so a restarted host (or another one) carries on where it stopped.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookFanOut fanOut, WebhookSender sender, WebhookOptions options, ISchema schema, IServiceScopeFactory scopes, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        await Task.Yield(); // let the host finish starting
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                schema.Initialize(); // visibility checks read the node types; once built, this returns at once
                busy |= await fanOut.RunAsync(stoppingToken) >= options.BatchSize;
                busy |= await sender.SendDueAsync(stoppingToken) >= options.BatchSize;
                if (time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = time.GetUtcNow() + options.PruneEvery;
                    await PruneAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex); // an outage: the next pass starts again from what is stored
            }

            if (!busy)
            {
                await Task.Delay(options.Poll, stoppingToken);
            }
        }
    }

    /// <summary>Deliveries that succeeded longer ago than <see cref="WebhookOptions.RetainFor"/>, with their attempts, in batches.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.RetainFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebhookDbContext>();
        while (true)
        {
            var batch = await db.Deliveries.AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.Succeeded && d.SucceededAt < cutoff)
                .Select(d => d.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await db.Attempts.Where(a => batch.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
            await db.Deliveries.Where(d => batch.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook pass failed; the next one starts again from what is stored")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
