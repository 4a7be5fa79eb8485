using IpShield.Enterprises.Features.ChangeCertificationStatus;
using IpShield.Enterprises.Features.RetryEnterpriseImport;
using IpShield.Enterprises.Features.StartEnterpriseImport;
using IpShield.Enterprises.Features.UpsertEnterprises;
using IpShield.Enterprises.Import;
using IpShield.Enterprises.Features.ListEnterprises;
using IpShield.Enterprises.Features.ParkStatistics;
using IpShield.Enterprises.Features.RecordMonthlySales;
using IpShield.Enterprises.Features.RegisterEnterprise;
using IpShield.Enterprises.Features.SettleEnterprise;
using IpShield.Enterprises.Features.UpdateEnterprise;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Routing;
using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Imports;
using IpShield.Enterprises.Contracts;
using Microsoft.Extensions.DependencyInjection;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Webhooks;

namespace IpShield.Enterprises;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class EnterprisesModule
{
    public static IServiceCollection AddEnterprisesModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<EnterprisesDbContext>();
        services.AddModuleMessaging<EnterprisesDbContext>();
        services.AddGraphTypesFrom(typeof(EnterprisesModule).Assembly);

        services.AddSingleton<IQueryFieldContribution, ListEnterprises>();
        services.AddSingleton<IMutationFieldContribution, RegisterEnterpriseMutation>();
        services.AddSingleton<IMutationFieldContribution, UpdateEnterpriseMutation>();
        services.AddSingleton<IMutationFieldContribution, SettleEnterpriseMutation>();
        services.AddSingleton<IMutationFieldContribution, RecordMonthlySalesMutation>();
        services.AddSingleton<IMutationFieldContribution, ChangeCertificationStatusMutation>();

        services.AddSingleton<IMutationFieldContribution, UpsertEnterprisesMutation>();
        services.AddSingleton<IMutationFieldContribution, StartEnterpriseImportMutation>();
        services.AddSingleton<IMutationFieldContribution, RetryEnterpriseImportMutation>();

        // Row rules, once per entity: node(id:), lists and the fields this module adds to others' types read through them.
        services.AddRowRule<Enterprise>(EnterpriseAccess.Visible);
        services.AddRowRule<EnterpriseImportJob>(ImportJobs.VisibleTo);
        // Webhooks (ADR 0024), fed to the live-event table by EnterpriseLiveHandler: importers of the enterprise's workstation hear of it.
        services.AddWebhookEvent<CertificationStatusChanged>("CERTIFICATION_STATUS_CHANGED", "A platform compliance certification of an enterprise changed status: for whoever may read the enterprise.",
            e => new LiveNodeRef(EnterprisesGlobalIds.Enterprise, e.EnterpriseId));
        services.AddTypeExtension<WorkstationEnterprises>();
        services.AddTypeExtension<ParkEnterprises>();
        services.AddTypeExtension<ParkStatisticsEnterprises>();
        services.AddSingleton<ProfileSpellings>();
        services.AddTypeExtension<CityStatisticsEnterprises>();
        services.AddTypeExtension<ViewerEnterprise>();

        services.AddScoped<IEnterpriseDirectory, EnterpriseDirectory>();
        services.AddImports<EnterprisesDbContext, EnterpriseImportJob, EnterpriseRecord, EnterpriseImportPipeline>();
        services.AddSingleton<IDemoData, EnterprisesDemoData>();
        return services;
    }

    /// <summary>The import error reports as downloadable files (CSV and JSON lines).</summary>
    public static IEndpointRouteBuilder MapEnterprisesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ImportErrorReport.Map<EnterprisesDbContext, EnterpriseImportJob>(endpoints, EnterpriseImportPipeline.ReportRoute, EnterprisesGlobalIds.EnterpriseImport, EnterpriseImportPipeline.OriginalColumns);
        return endpoints;
    }
}
