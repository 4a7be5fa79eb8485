using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Digests;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.Coverage;
using IpShield.Portfolios.Features.Statistics;
using IpShield.Portfolios.Features.DeadlineAlerts;
using IpShield.Portfolios.Features.ListRights;
using IpShield.Portfolios.Features.PlanFiling;
using IpShield.Portfolios.Features.RecordIpRight;
using IpShield.Portfolios.Features.RecordIpRightEvent;
using IpShield.Portfolios.Features.RetryIpRightImport;
using IpShield.Portfolios.Features.SettleDeadline;
using IpShield.Portfolios.Features.StartIpRightImport;
using IpShield.Portfolios.Import;
using IpShield.Portfolios.Jobs;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using IpShield.Portfolios.Contracts;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Webhooks;

namespace IpShield.Portfolios;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class PortfoliosModule
{
    public static IServiceCollection AddPortfoliosModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<PortfoliosDbContext>();
        services.AddModuleMessaging<PortfoliosDbContext>();
        services.AddGraphTypesFrom(typeof(PortfoliosModule).Assembly);

        services.AddSingleton<IQueryFieldContribution, ListRights>();
        services.AddSingleton<IMutationFieldContribution, RecordIpRightMutation>();
        services.AddSingleton<IMutationFieldContribution, RecordIpRightEventMutation>();
        services.AddSingleton<IMutationFieldContribution, SettleDeadlineMutations>();
        services.AddSingleton<IMutationFieldContribution, PlanFilingMutation>();
        services.AddSingleton<ISubscriptionFieldContribution, DeadlineAlertsSubscription>();
        // Webhooks (ADR 0024): the reminders reach the live-event table through DeadlineLiveHandler.
        services.AddWebhookEvent<DeadlineApproaching>("DEADLINE_APPROACHING", "A deadline of a right comes due in 90, 30, 7 or 1 days: for whoever may read the deadline.",
            e => new LiveNodeRef(PortfoliosGlobalIds.Deadline, e.DeadlineId));
        services.AddWebhookEvent<DeadlineMissed>("DEADLINE_MISSED", "A deadline passed its last day with nothing done: for whoever may read the deadline.",
            e => new LiveNodeRef(PortfoliosGlobalIds.Deadline, e.DeadlineId));
        services.AddTypeExtension<EnterprisePortfolio>();
        services.AddTypeExtension<EnterpriseCoverage>();
        services.AddTypeExtension<WorkstationCoverage>();
        services.AddTypeExtension<ParkCoverage>();
        services.AddTypeExtension<ParkStatisticsPortfolios>();
        services.AddTypeExtension<CityStatisticsPortfolios>();
        // Row rules, once per entity: node(id:), lists and other modules' fields read through them.
        services.AddRowRule<IpRight>(PortfoliosAccess.Visible);
        services.AddRowRule<RightDeadline>(PortfoliosAccess.Visible);
        services.AddSingleton(DeadlineRuleCatalogue.Shipped);
        services.AddSingleton<DeadlineEngine>();

        // Imports of existing rights on the kernel's pipeline (ADR 0014).
        services.AddSingleton<IMutationFieldContribution, StartIpRightImportMutation>();
        services.AddSingleton<IMutationFieldContribution, RetryIpRightImportMutation>();
        services.AddRowRule<RightImportJob>(ImportJobs.VisibleTo);
        services.AddImports<PortfoliosDbContext, RightImportJob, RightRecord, RightImportPipeline>();
        services.AddSingleton<DeadlineJobs>();
        services.AddSingleton<IDemoData, PortfoliosDemoData>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineJobs>());
        // The coverage gaps the park statistics count, built again at start when the gap rules changed (ADR 0033).
        services.AddSingleton<CoverageGapSummaryState>();
        services.AddSingleton<CoverageGapRebuild>();
        services.AddHostedService(sp => sp.GetRequiredService<CoverageGapRebuild>());
        // The daily deadline digest by mail, at 08:00 in each park's time zone (ADR 0023).
        services.AddSingleton<DeadlineDigests>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineDigests>());
        return services;
    }

    /// <summary>The rights import error reports as downloadable files (CSV and JSON lines).</summary>
    public static IEndpointRouteBuilder MapPortfoliosEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ImportErrorReport.Map<PortfoliosDbContext, RightImportJob>(endpoints, RightImportPipeline.ReportRoute, RightImportPipeline.GlobalIdType, RightColumn.All);
        return endpoints;
    }
}
