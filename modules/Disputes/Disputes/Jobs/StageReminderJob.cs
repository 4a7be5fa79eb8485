using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Jobs;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Disputes.Jobs;

/// <summary>
/// Once a day in the park's calendar, <see cref="StageReminders"/>, leased so that of several hosts sharing a database
/// one runs it (the same lease and daily mark as Portfolios' deadline reminders).
/// </summary>
internal sealed partial class StageReminderJob(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<StageReminderJob> logger)
    : BackgroundService
{
    public const string Job = "stage-deadline-reminders";

    /// <summary>A day's pass takes seconds; a host that dies holding the lease delays it this long at most.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>How often a host looks whether the park's day has turned (Disputes:StageReminders:CheckSeconds, default an hour).</summary>
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Disputes:StageReminders:CheckSeconds", 3600)));

    /// <summary>This host among those sharing the database.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Guid.CreateVersion7():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time between looks, whatever the clock says the day is: a moved test clock is seen at the next look.
        using var timer = new PeriodicTimer(_checkEvery);
        do
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex); // the next look tries again: the day's run is noted only when complete
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Today's pass, unless a host already ran it today or is running it now; null then.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
            if (await db.JobLeases.AnyAsync(l => l.Job == Job && l.LastRunOn >= today, cancellationToken)
                || !await JobLease.TryTakeAsync(db, Job, Holder, time.GetUtcNow(), Lease, cancellationToken))
            {
                return null;
            }
        }

        var completed = false;
        try
        {
            var raised = await StageReminders.RunAsync(scopes, today, time.GetUtcNow(), cancellationToken);
            LogRaised(logger, today, raised);
            completed = true;
            return raised;
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<DisputesDbContext>(), Job, Holder, completed ? today : null, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage deadlines of {Day}: {Raised} approaching")]
    private static partial void LogRaised(ILogger logger, DateOnly day, int raised);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage deadline reminders failed; the next look tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
