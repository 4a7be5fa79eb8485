using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Training.Features.Statistics;

internal sealed class KindCountType : ObjectGraphType<KindCount>
{
    public KindCountType()
    {
        Name = "TrainingSessionKindCount";
        Field<NonNullGraphType<SessionKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(k => k.Count);
    }
}

internal sealed class TrainingStatisticsType : ObjectGraphType<TrainingStatistics>
{
    public TrainingStatisticsType()
    {
        Name = "TrainingStatistics";
        Description = "What workstations are evaluated on; attendance is counted by check-in, never by registration.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindCountType>>>>("sessionsHeldByKind").Resolve(c => c.Source.SessionsHeldByKind);
        Field(s => s.SessionsHeld).Description("Sessions whose attendance is closed (ended, not cancelled).");
        Field(s => s.Attendees).Description("People who attended: the named attendees of attended registrations.");
        Field(s => s.AttendedRegistrations);
        Field(s => s.UniqueEnterprises).Description("Distinct enterprises with at least one attendance.");
        Field(s => s.NoShows);
        Field(s => s.NoShowRate, nullable: true).Description("No-shows over attended plus no-shows, in held sessions; null before any.");
        Field(s => s.AverageSatisfaction, nullable: true).Description("Mean of the 1–5 scores given; null before any.");
        Field(s => s.FeedbackCount);
    }
}

/// <summary>Reads the facts for a batch of organisers (workstations or parks) in two queries and computes each one's figures.</summary>
internal static class StatisticsLoader
{
    public static async Task<IReadOnlyDictionary<Guid, TrainingStatistics>> ByAsync(
        TrainingDbContext db, IReadOnlyCollection<Guid> keys, bool byPark, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => (Guid?)k).ToList();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => byPark ? ids.Contains(s.ParkId) : ids.Contains(s.WorkstationId))
            .Select(s => new { s.Id, s.Kind, s.Status, Key = byPark ? s.ParkId : s.WorkstationId })
            .ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => sessionIds.Contains(r.SessionId) && (r.Status == RegistrationStatus.Attended || r.Status == RegistrationStatus.NoShow))
            .Select(r => new { r.SessionId, r.EnterpriseId, r.Status, r.Attendees, r.Satisfaction })
            .ToListAsync(cancellationToken);
        var byId = sessions.ToDictionary(s => s.Id);
        return keys.ToDictionary(key => key, key => TrainingStatistics.Of(
            sessions.Where(s => s.Key == key).Select(s => (s.Id, s.Kind, s.Status)),
            registrations.Where(r => byId[r.SessionId].Key == key).Select(r => new RegistrationFacts(r.SessionId, r.EnterpriseId, r.Status, r.Attendees.Count, r.Satisfaction))));
    }
}

/// <summary><c>Workstation.trainingStatistics</c>, from this module's own tables.</summary>
internal sealed class WorkstationTrainingStatistics : TypeExtension
{
    public WorkstationTrainingStatistics()
        : base(WorkstationsGlobalIds.Workstation) =>
        Field<NonNullGraphType<TrainingStatisticsType>>("trainingStatistics")
            .Description("The training figures the city evaluates this workstation on (from the Training module).")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Resolve(c =>
            {
                var services = c.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<Guid, TrainingStatistics>("trn:workstation-statistics", (keys, ct) => StatisticsLoader.ByAsync(services.GetRequiredService<TrainingDbContext>(), keys, false, ct))
                    .Load(c.ParentKey());
            });
}

/// <summary>The Training module's section of park statistics: counts only, which is all a park dashboard may read.</summary>
internal sealed class ParkStatisticsTraining : TypeExtension
{
    public ParkStatisticsTraining()
        : base("ParkStatistics") =>
        Field<NonNullGraphType<TrainingStatisticsType>>("training")
            .Description("Training of the park's workstations (from the Training module).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Resolve(c =>
            {
                var services = c.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<Guid, TrainingStatistics>("trn:park-statistics", (keys, ct) => StatisticsLoader.ByAsync(services.GetRequiredService<TrainingDbContext>(), keys, true, ct))
                    .Load(c.ParentKey());
            });
}
