using IpShield.SharedKernel.GraphQL;
using IpShield.Workstations.Benchmarks;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using IpShield.Workstations.Features.AssignStaff;
using IpShield.Workstations.Features.CloseWorkstation;
using IpShield.Workstations.Features.ListParks;
using IpShield.Workstations.Features.ListWorkstations;
using IpShield.Workstations.Features.OpenWorkstation;
using IpShield.Workstations.Features.ParkStatistics;
using IpShield.Workstations.Features.RecordService;
using IpShield.Workstations.Features.RegisterPark;
using IpShield.Workstations.Features.UpdateWorkstation;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class WorkstationsModule
{
    public static IServiceCollection AddWorkstationsModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<WorkstationsDbContext>();
        services.AddModuleMessaging<WorkstationsDbContext>();
        services.AddGraphTypesFrom(typeof(WorkstationsModule).Assembly);

        services.AddSingleton<IQueryFieldContribution, ListWorkstations>();
        services.AddSingleton<IQueryFieldContribution, ListParks>();
        services.AddSingleton<IQueryFieldContribution, ParkStatisticsQuery>();
        services.AddSingleton<IMutationFieldContribution, RegisterParkMutation>();
        services.AddSingleton<IMutationFieldContribution, OpenWorkstationMutation>();
        services.AddSingleton<IMutationFieldContribution, UpdateWorkstationMutation>();
        services.AddSingleton<IMutationFieldContribution, CloseWorkstationMutation>();
        services.AddSingleton<IMutationFieldContribution, AssignStaffMutation>();
        services.AddSingleton<IMutationFieldContribution, RecordServiceMutation>();

        // Row rules, once per entity: node(id:), lists and other modules' fields read through them.
        services.AddRowRule<Park>(WorkstationAccess.Visible);
        services.AddRowRule<Workstation>(WorkstationAccess.Visible);
        services.AddRowRule<ServiceRecord>(WorkstationAccess.Visible);
        services.AddRowRule<StaffAssignment>(WorkstationAccess.Visible);

        services.AddTypeExtension<ViewerWorkstations>();
        services.AddSingleton<IDemoData, WorkstationsDemoData>();
        services.AddScoped<IpShield.Workstations.Contracts.IWorkstationDirectory, IpShield.Workstations.Contracts.WorkstationDirectory>();
        return services;
    }

    /// <summary>The plain minimal-API baseline that the GraphQL benchmark compares with (benchmarks only).</summary>
    public static IEndpointRouteBuilder MapWorkstationsBenchmarkBaseline(this IEndpointRouteBuilder endpoints)
    {
        PlainWorkstationList.Map(endpoints);
        return endpoints;
    }
}
