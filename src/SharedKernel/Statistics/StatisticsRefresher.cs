using System.Diagnostics;
using IpShield.SharedKernel.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Computes the statistics answers dashboards asked for lately again after writes in their parks (ADR 0042), so that
/// the next poll finds them kept instead of computing them. This host's writes are told by its interceptor as they
/// commit; other hosts' writes are seen in the data stamps, read every <c>Statistics:StampsReadEveryMs</c> while answers
/// were asked lately (ADR 0043). One pass at a time, two sections at once, each pass taking what was written since the
/// last one; passes start right after a write while their <see cref="RefreshBudget"/> lasts, so refreshes take at most
/// half of the host's time however fast staff or an import write.
/// </summary>
internal sealed partial class StatisticsRefresher(
    StatisticsAnswers answers, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<StatisticsRefresher> logger) : BackgroundService
{
    /// <summary>How often other hosts' writes are looked for when <c>Statistics:StampsReadEveryMs</c> does not say (0: never).</summary>
    public const int DefaultStampsReadEveryMs = 250;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RefreshAsync(stoppingToken), WatchStampsAsync(stoppingToken));

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        var budget = new RefreshBudget(Environment.TickCount64);
        try
        {
            while (await answers.ChangedAsync(stoppingToken))
            {
                // Writes arriving during the wait are gathered into the pass.
                var wait = budget.WaitBefore(Environment.TickCount64);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }

                var clock = Stopwatch.StartNew();
                await answers.RefreshChangedAsync(failure => RefreshFailed(logger, failure), stoppingToken);
                budget.Spent(Environment.TickCount64, clock.Elapsed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping; a write's next poll computes what was not refreshed
        }
    }

    /// <summary>Reads every data stamp (one small table) while answers were asked lately, and tells the answers what changed.</summary>
    private async Task WatchStampsAsync(CancellationToken stoppingToken)
    {
        var every = configuration.GetValue("Statistics:StampsReadEveryMs", DefaultStampsReadEveryMs);
        if (every <= 0)
        {
            return;
        }

        var failing = false;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(every));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!answers.AnyAsked)
                {
                    continue;
                }

                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    answers.NoteStamps(await DataVersions.ReadAllAsync(scope.ServiceProvider.GetRequiredService<LiveDbContext>(), stoppingToken));
                    failing = false;
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        StampsReadFailed(logger, failure); // once per outage, not four times a second
                    }

                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A statistics answer could not be computed again after a write; the next request for it computes it.")]
    private static partial void RefreshFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data stamps could not be read; other hosts' writes are computed when asked until they can.")]
    private static partial void StampsReadFailed(ILogger logger, Exception failure);
}
