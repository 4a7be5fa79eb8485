using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Computes the statistics answers dashboards asked for lately again after this host's writes in their parks (ADR 0042),
/// so that the next poll finds them kept instead of computing them. One pass at a time, two sections at once; after
/// a pass it pauses as long as the pass took and at least <see cref="StatisticsAnswers.RefreshPause"/>, so that a burst of writes (an import, a
/// busy park) is gathered into one pass and the refreshes take at most half of the host's time.
/// </summary>
internal sealed partial class StatisticsRefresher(StatisticsAnswers answers, ILogger<StatisticsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await answers.ChangedAsync(stoppingToken))
            {
                var clock = Stopwatch.StartNew();
                await answers.RefreshChangedAsync(failure => RefreshFailed(logger, failure), stoppingToken);
                await Task.Delay(clock.Elapsed > StatisticsAnswers.RefreshPause ? clock.Elapsed : StatisticsAnswers.RefreshPause, stoppingToken);
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
