using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Statistics;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Training.Features.CloseAttendance;

/// <summary>After a session ends, registrations never checked in become no-shows and the session is held (SessionHeld).</summary>
internal static class NoShowSweep
{
    /// <summary>Closes one ended session's attendance; false when it has not ended or is already closed or cancelled.</summary>
    public static async Task<bool> CloseAsync(TrainingDbContext db, TrainingSession session, DateTime now, CancellationToken cancellationToken)
    {
        if (now < session.EndsAt || session.Status is SessionStatus.Held or SessionStatus.Cancelled)
        {
            return false;
        }

        using var parkWrites = DataVersions.WritesOf(session.ParkId); // what it writes is its session's park's (ADR 0041)
        var noShows = await db.Registrations
            .Where(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Registered)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, RegistrationStatus.NoShow).SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        var attended = await db.Registrations.CountAsync(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Attended, cancellationToken);
        session.Status = SessionStatus.Held;
        session.Version++;
        db.Publish(new SessionHeld(session.Id, session.WorkstationId, session.Kind.ToString(), TrainingSessionType.Instant(session.EndsAt), attended, noShows));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Every session that has ended and is still open for attendance, each in its own transaction.</summary>
    public static async Task<int> SweepAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var ended = await db.Sessions
            .Where(s => s.EndsAt <= now && (s.Status == SessionStatus.Scheduled || s.Status == SessionStatus.Open || s.Status == SessionStatus.Full))
            .OrderBy(s => s.EndsAt).Take(100).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var session in ended)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (await CloseAsync(db, session, now, cancellationToken))
                {
                    closed++;
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // closed by someone else (staff, another host) meanwhile
            }
        }

        return closed;
    }
}

/// <summary>Runs the sweep every <c>Training:SweepSeconds</c> (60 by default).</summary>
internal sealed class NoShowSweeper(IServiceProvider services, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<NoShowSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, int.TryParse(configuration["Training:SweepSeconds"], out var s) ? s : 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken);
                await NoShowSweep.SweepAsync(services, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Training: the no-show sweep failed; it runs again in {Interval}.", interval);
            }
        }
    }
}

internal sealed class CloseAttendanceInput
{
    public string? SessionId { get; set; }
}

internal sealed class CloseAttendanceInputType : InputObjectGraphType<CloseAttendanceInput>
{
    public CloseAttendanceInputType()
    {
        Name = "CloseTrainingAttendanceInput";
        Field<NonNullGraphType<IdGraphType>>("sessionId");
    }
}

/// <summary>The organiser closes attendance right after the end instead of waiting for the sweep.</summary>
internal static class CloseAttendanceHandler
{
    public static async Task<Payload<TrainingSession>> HandleAsync(
        CloseAttendanceInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.SessionId, TrainingGlobalIds.TrainingSession, true, "input", "sessionId");
        if (check.Failed)
        {
            return Payload<TrainingSession>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || !access.Organises(session.WorkstationId))
        {
            return Payload<TrainingSession>.Failure(UserError.NotFound("The session", "input", "sessionId"));
        }

        if (!await NoShowSweep.CloseAsync(db, session, time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            return Payload<TrainingSession>.Failure(new UserError(ErrorCodes.InvalidState, $"Attendance closes after the end of a session that is neither held nor cancelled (it is {session.Status.ToString().ToUpperInvariant()}).", ["input", "sessionId"]));
        }

        await transaction.CommitAsync(cancellationToken);
        return Payload<TrainingSession>.Success(session);
    }
}

internal sealed class CloseAttendanceMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<CloseAttendanceInputType, TrainingSessionType>("closeTrainingAttendance", AccessPolicies.People, "session", CloseAttendanceHandler.HandleAsync)
            .Description("After the end: registrations never checked in become NO_SHOW and the session HELD (the sweep does the same on its own).");
}
