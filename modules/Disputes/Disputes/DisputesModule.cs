using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Campaigns;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Features.Evidence;
using IpShield.Disputes.Features.Experts;
using IpShield.Disputes.Features.ListDisputes;
using IpShield.Disputes.Features.Live;
using IpShield.Disputes.Features.Mediations;
using IpShield.Disputes.Features.Statistics;
using IpShield.Disputes.Features.Warnings;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Jobs;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IpShield.Disputes.Contracts;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Webhooks;

namespace IpShield.Disputes;

/// <summary>The module's one door: what the host calls to add it to the platform.</summary>
public static class DisputesModule
{
    public static IServiceCollection AddDisputesModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<DisputesDbContext>();
        services.AddModuleMessaging<DisputesDbContext>();
        services.AddGraphTypesFrom(typeof(DisputesModule).Assembly);
        services.AddSingleton(FlowCatalogue.Shipped);
        services.AddSingleton<IDemoData, DisputesDemoData>();
        services.AddSingleton<StageReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<StageReminderJob>());

        services.AddSingleton<IQueryFieldContribution, ListDisputes>();
        services.AddSingleton<IMutationFieldContribution, OpenDisputeCaseMutation>();
        services.AddSingleton<IMutationFieldContribution, MoveDisputeCaseMutation>();
        services.AddSingleton<IMutationFieldContribution, CloseDisputeCaseMutation>();
        services.AddSingleton<IMutationFieldContribution, RecordOnCaseMutation>();
        services.AddSingleton<IMutationFieldContribution, ExpertMutations>();
        services.AddSingleton<IMutationFieldContribution, CampaignMutations>();
        services.AddSingleton<IMutationFieldContribution, IssueRiskWarningMutation>();
        services.AddSingleton<IMutationFieldContribution, NotificationMutations>();
        services.AddSingleton<IMutationFieldContribution, AddCaseEvidenceMutation>();
        services.AddSingleton<IMutationFieldContribution, MediationMutations>();
        services.AddSingleton<ISubscriptionFieldContribution, RiskWarningReceivedSubscription>();
        services.AddSingleton<ISubscriptionFieldContribution, CaseStageChangedSubscription>();
        services.AddSingleton(sp => EvidenceStore.From(sp.GetRequiredService<IConfiguration>()));
        services.AddTypeExtension<EnterpriseDisputes>();
        services.AddTypeExtension<CampaignCases>();
        services.AddTypeExtension<WarningNotifications>();
        services.AddTypeExtension<ParkStatisticsDisputes>();
        services.AddTypeExtension<CityStatisticsDisputes>();

        // Webhooks (ADR 0024), fed to the live-event table by DisputeLiveHandler; both are read by people and the centre only.
        services.AddWebhookEvent<RiskWarningIssued>("RISK_WARNING_ISSUED", "A risk warning was issued: for whoever may read the warning (the centre's own clients).",
            e => new LiveNodeRef(DisputesGlobalIds.RiskWarning, e.WarningId));
        services.AddWebhookEvent<CaseStageChanged>("CASE_STAGE_CHANGED", "A dispute case moved to another stage: for whoever may read the case (the centre's own clients).",
            e => new LiveNodeRef(DisputesGlobalIds.DisputeCase, e.CaseId));

        // Row rules, once per entity: node(id:), lists and other modules' fields read through them.
        services.AddRowRule<DisputeCase>(DisputesAccess.Visible);
        services.AddRowRule<WarningNotification>(DisputesAccess.Visible);
        services.AddRowRule<RiskWarning>(DisputesAccess.Visible);
        services.AddRowRule<Campaign>(DisputesAccess.Visible);
        services.AddRowRule<Expert>(DisputesAccess.Visible);
        return services;
    }

    /// <summary>The module's plain HTTP endpoints: evidence downloads.</summary>
    public static IEndpointRouteBuilder MapDisputesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        EvidenceDownload.Map(endpoints);
        return endpoints;
    }
}
