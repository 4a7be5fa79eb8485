using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Computes the statistics answers dashboards asked for lately again after this host's writes in their parks (ADR 0042),
/// so that the next poll finds them kept instead of computing them. One pass at a time, two sections at once, each pass
/// taking what was written since the last one; passes start right after a write while their <see cref="RefreshBudget"/>
/// lasts, so refreshes take at most half of the host's time however fast staff or an import write.
/// </summary>
internal sealed partial class StatisticsRefresher(StatisticsAnswers answers, ILogger<StatisticsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A statistics answer could not be computed again after a write; the next request for it computes it.")]
    private static partial void RefreshFailed(ILogger logger, Exception failure);
}
