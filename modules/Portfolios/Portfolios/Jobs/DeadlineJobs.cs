using System.Diagnostics;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Jobs;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Portfolios.Jobs;

/// <summary>
/// The module's background work on deadlines, leased so that of several hosts sharing a database one does it: at start,
/// computing again the deadlines a changed rule catalogue touches; then once a day, the reminders (DeadlineReminders).
/// </summary>
internal sealed partial class DeadlineJobs(
    IServiceScopeFactory scopes, DeadlineRuleCatalogue catalogue, TimeProvider time, IConfiguration configuration, ILogger<DeadlineJobs> logger)
    : BackgroundService
{
    public const string RuleSyncJob = "deadline-rule-sync";
    public const string RemindersJob = "deadline-reminders";

    /// <summary>A day's reminders take seconds; a host that dies holding the lease delays them this long at most.</summary>
    private static readonly TimeSpan RemindersLease = TimeSpan.FromMinutes(10);

    /// <summary>How often a host looks whether the park's day has turned (Portfolios:Reminders:CheckSeconds, default an hour).</summary>
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Portfolios:Reminders:CheckSeconds", 3600)));

    /// <summary>Long enough for a sync of a million rights; a host that dies holding it blocks the next sync this long at most.</summary>
    private static readonly TimeSpan RuleSyncLease = TimeSpan.FromMinutes(30);

    /// <summary>This host among those sharing the database.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Guid.CreateVersion7():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SyncRulesAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRuleSyncFailed(logger, ex); // the next start tries again: the fingerprints are stored only after a full sync
        }

        // Real time between looks, whatever the clock says the day is: a moved test clock is seen at the next look.
        using var timer = new PeriodicTimer(_checkEvery);
        do
        {
            try
            {
                await RunRemindersAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRemindersFailed(logger, ex); // the next look tries again: the day's run is noted only when complete
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Today's reminders, unless a host already ran them today or is running them now; null then.</summary>
    public async Task<ReminderRun?> RunRemindersAsync(CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            if (await db.JobLeases.AnyAsync(l => l.Job == RemindersJob && l.LastRunOn >= today, cancellationToken)
                || !await JobLease.TryTakeAsync(db, RemindersJob, Holder, time.GetUtcNow(), RemindersLease, cancellationToken))
            {
                return null;
            }
        }

        var completed = false;
        try
        {
            var run = await DeadlineReminders.RunAsync(scopes, catalogue, today, time.GetUtcNow(), cancellationToken);
            LogReminders(logger, today, run.Approaching, run.Missed, run.Passed);
            completed = true;
            return run;
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>(), RemindersJob, Holder, completed ? today : null, CancellationToken.None);
        }
    }

    /// <summary>Runs the rule sync if this host gets the lease; null when another host holds it.</summary>
    public async Task<RuleSyncResult?> SyncRulesAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            if (!await JobLease.TryTakeAsync(db, RuleSyncJob, Holder, time.GetUtcNow(), RuleSyncLease, cancellationToken))
            {
                return null;
            }
        }

        var completed = false;
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await DeadlineRuleSync.SyncAsync(scopes, catalogue, ParkCalendar.Today(time), cancellationToken);
            if (result.RulesChanged > 0)
            {
                LogRulesSynced(logger, result.RulesChanged, result.RightsRecomputed, clock.Elapsed.TotalSeconds);
            }

            completed = true;
            return result;
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>(), RuleSyncJob, Holder,
                completed ? ParkCalendar.Today(time) : null, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline rules: {Rules} rule(s) changed, deadlines of {Rights} right(s) computed again in {Seconds:F1} s")]
    private static partial void LogRulesSynced(ILogger logger, int rules, int rights, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadlines of {Day}: {Approaching} approaching, {Missed} missed, {Passed} passed")]
    private static partial void LogReminders(ILogger logger, DateOnly day, int approaching, int missed, int passed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline reminders failed; the next look tries again")]
    private static partial void LogRemindersFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline rules: computing the deadlines of changed rules failed; the next start tries again")]
    private static partial void LogRuleSyncFailed(ILogger logger, Exception exception);
}
