using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using IpShield.Training.CheckIn;
using IpShield.Training.Domain;
using IpShield.Training.Features.Calendar;
using IpShield.Training.Features.CheckIn;
using IpShield.Training.Features.CloseAttendance;
using IpShield.Training.Features.EditSession;
using IpShield.Training.Features.Feedback;
using IpShield.Training.Features.ListSessions;
using IpShield.Training.Features.Registrations;
using IpShield.Training.Features.ScheduleSession;
using IpShield.Training.Features.Statistics;
using IpShield.Training.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IpShield.Training;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class TrainingModule
{
    public static IServiceCollection AddTrainingModule(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Refuses to start outside Development and Testing without a key of its own (CheckInOptions).
        services.AddSingleton(CheckInOptions.CodeFrom(configuration, environment));
        services.AddModuleDbContext<TrainingDbContext>();
        services.AddModuleMessaging<TrainingDbContext>();
        services.AddGraphTypesFrom(typeof(TrainingModule).Assembly);

        services.AddSingleton<IQueryFieldContribution, ListSessions>();
        services.AddSingleton<IMutationFieldContribution, ScheduleSessionMutations>();
        services.AddSingleton<IMutationFieldContribution, EditSessionMutation>();
        services.AddSingleton<IMutationFieldContribution, RegistrationMutations>();
        services.AddSingleton<IMutationFieldContribution, CheckInMutations>();
        services.AddSingleton<IMutationFieldContribution, FeedbackMutation>();
        services.AddSingleton<IMutationFieldContribution, CloseAttendanceMutation>();
        services.AddSingleton<IMutationFieldContribution, CalendarFeedMutations>();
        services.AddTypeExtension<WorkstationTrainingSessions>();
        services.AddTypeExtension<EnterpriseTrainingAttendance>();
        services.AddTypeExtension<SessionRegistrations>();
        services.AddTypeExtension<WorkstationTrainingStatistics>();
        services.AddTypeExtension<ParkStatisticsTraining>();
        services.AddTypeExtension<CityStatisticsTraining>();

        // Row rules, once per entity: node(id:), lists and the fields this module adds to others' types read through them.
        services.AddRowRule<TrainingSession>(TrainingAccess.Visible);
        services.AddRowRule<Registration>(TrainingAccess.Visible);
        services.AddHostedService<NoShowSweeper>();
        services.AddSingleton<IDemoData, TrainingDemoData>();
        return services;
    }

    /// <summary>The iCalendar feeds at their secret addresses.</summary>
    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        CalendarFeeds.Map(endpoints);
        return endpoints;
    }
}
