using IpShield.Identity.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Mail;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Portfolios.Digests;

/// <summary>What one look sent: digests mailed, and those that failed to go (tried again at the next look).</summary>
internal sealed record DigestRun(int Sent, int Failed);

/// <summary>
/// The daily deadline digest by mail (ADR 0023). Every host looks every few minutes; a person whose park's morning has
/// come and who has something due or missed gets that day's digest from whichever host claims it first
/// (<see cref="DeadlineDigest"/>). People come from Identity's directory, parks' time zones from Workstations'.
/// </summary>
internal sealed partial class DeadlineDigests(
    IServiceScopeFactory scopes, IPeopleDirectory people, IMailSender mail, MailLinks links, TimeProvider time, IConfiguration configuration,
    ILogger<DeadlineDigests> logger)
    : BackgroundService
{
    /// <summary>Longer than sending one mail can take (MailKit gives up after 2 minutes); a host that dies holding it delays that digest this long.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    /// <summary>How often a host looks whether a park's morning has come (Portfolios:Digests:CheckSeconds, default 5 minutes).</summary>
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Portfolios:Digests:CheckSeconds", 300)));

    public string Holder { get; } = $"{Environment.MachineName}/{Guid.CreateVersion7():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mail.IsConfigured)
        {
            return; // the kernel says so once in the log
        }

        using var timer = new PeriodicTimer(_checkEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex); // nothing claimed is lost: an unsent claim runs out and is taken again
            }
        }
    }

    public async Task<DigestRun> RunAsync(CancellationToken cancellationToken)
    {
        // One instant for the whole look: a person's day is decided once, even if the look spans 08:00 or midnight.
        var now = time.GetUtcNow();
        var recipients = await people.DigestRecipientsAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return new DigestRun(0, 0);
        }

        var due = await DueTodayAsync(recipients, now, cancellationToken);
        if (due.Count == 0)
        {
            return new DigestRun(0, 0);
        }

        var deadlines = await CandidatesAsync(due, cancellationToken);
        var (sent, failed) = (0, 0);
        foreach (var (person, day) in due)
        {
            var items = DigestSchedule.ItemsFor(person, deadlines, day);
            if (items.Count > 0)
            {
                switch (await SendAsync(person, day, items, cancellationToken))
                {
                    case true: sent++; break;
                    case false: failed++; break;
                    default: break;
                }
            }
        }

        if (sent + failed > 0)
        {
            LogRun(logger, sent, failed);
        }

        return new DigestRun(sent, failed);
    }

    /// <summary>The people whose park's morning has come, each with that day, less those whose digest of it went out.</summary>
    private async Task<List<(DigestRecipient Person, DateOnly Day)>> DueTodayAsync(IReadOnlyList<DigestRecipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        var enterprises = recipients.Select(r => r.EnterpriseId).OfType<Guid>().Distinct().ToList();
        var placed = await db.EnterprisePlacements.AsNoTracking().Where(p => enterprises.Contains(p.EnterpriseId))
            .ToDictionaryAsync(p => p.EnterpriseId, p => p.WorkstationId, cancellationToken);
        var zones = await scope.ServiceProvider.GetRequiredService<IWorkstationDirectory>()
            .ParkTimeZonesAsync([.. recipients.SelectMany(r => r.WorkstationIds).Concat(placed.Values).Distinct()], cancellationToken);

        var due = recipients
            .Select(person => (Person: person, Day: DigestSchedule.DayDue(now, DigestSchedule.ZoneOf(person, placed, zones))))
            .Where(p => p.Day is not null)
            .Select(p => (p.Person, Day: p.Day!.Value))
            .ToList();
        if (due.Count == 0)
        {
            return due;
        }

        var earliest = due.Min(p => p.Day);
        var ids = due.Select(p => p.Person.PersonId).ToList();
        var done = (await db.DeadlineDigests.AsNoTracking()
                .Where(d => ids.Contains(d.PersonId) && d.Day >= earliest && d.SentAt != null)
                .Select(d => new { d.PersonId, d.Day })
                .ToListAsync(cancellationToken))
            .Select(d => (d.PersonId, d.Day))
            .ToHashSet();
        return [.. due.Where(p => !done.Contains((p.Person.PersonId, p.Day)))];
    }

    /// <summary>Every deadline any of these people might hear of, in one read; <see cref="DigestSchedule"/> picks each person's lines.</summary>
    private async Task<List<DigestDeadline>> CandidatesAsync(List<(DigestRecipient Person, DateOnly Day)> due, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        var workstations = due.SelectMany(p => p.Person.WorkstationIds).Distinct().Select(w => (Guid?)w).ToList();
        var enterprises = due.Select(p => p.Person.EnterpriseId).OfType<Guid>().Distinct().ToList();
        var until = due.Max(p => p.Day).AddDays(DigestSchedule.DaysAhead);
        var missedSince = due.Min(p => p.Day).AddDays(-DigestSchedule.MissedFor);
        return await (
                from deadline in db.Deadlines.AsNoTracking()
                join right in db.IpRights.AsNoTracking() on deadline.RightId equals right.Id
                where (workstations.Contains(deadline.WorkstationId) || enterprises.Contains(deadline.EnterpriseId))
                    && (deadline.State == DeadlineState.Open || deadline.State == DeadlineState.Missed)
                    && deadline.DueOn <= until && (deadline.GraceEndsOn ?? deadline.DueOn) >= missedSince
                select new DigestDeadline(deadline.Id, deadline.EnterpriseId, deadline.WorkstationId, right.NameZh, right.NameEn, right.Kind,
                    right.Jurisdiction, deadline.Task, deadline.DueOn, deadline.GraceEndsOn, deadline.State))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Claims, sends and marks one digest: true sent, false failed (claim given back), null another host has it.</summary>
    private async Task<bool?> SendAsync(DigestRecipient person, DateOnly day, IReadOnlyList<DigestItem> items, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        if (!await DeadlineDigest.TryClaimAsync(db, person.PersonId, day, Holder, time.GetUtcNow(), ClaimFor, cancellationToken))
        {
            return null;
        }

        try
        {
            var offLink = links.Link(DigestOffLink.Path, DigestOffLink.Purpose, person.PersonId);
            await mail.SendAsync(DigestMail.Compose(person, day, items, offLink), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, person.PersonId, day, ex);
            await DeadlineDigest.ReleaseAsync(db, person.PersonId, day, Holder, CancellationToken.None);
            return false;
        }

        await DeadlineDigest.MarkSentAsync(db, person.PersonId, day, Holder, time.GetUtcNow(), items.Count, CancellationToken.None);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline digests: {Sent} sent, {Failed} failed (tried again at the next look)")]
    private static partial void LogRun(ILogger logger, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline digest of person {Person} for {Day} could not be sent; the next look tries again")]
    private static partial void LogSendFailed(ILogger logger, Guid person, DateOnly day, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline digests: the look failed; the next one tries again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
