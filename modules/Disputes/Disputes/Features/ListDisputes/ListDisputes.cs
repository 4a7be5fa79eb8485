using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.ListDisputes;

/// <summary>The list of cases, declared once: behind <c>disputeCases</c>, <c>Enterprise.disputeCases</c> and <c>DisputeCampaign.cases</c>.</summary>
internal sealed class DisputeCaseList : EntityList<DisputeCase>
{
    public DisputeCaseList()
        : base(DisputesGlobalIds.DisputeCase)
    {
        Order("OPENED_ON", c => c.OpenedOn).NewestFirst();
        Enum<CaseKindType, CaseKind>("kind", c => c.Kind);
        Enum<DisputePlatformType, DisputePlatform>("platform", c => c.Platform);
        Text("market", c => c.Market).Describe("ISO 3166-1 alpha-2, in capitals.");
        Text("stage", c => c.Stage).Describe("A stage key of the case's flow.");
        Text("flow", c => c.FlowKey);
        Add<BooleanGraphType, bool>("open", (rows, open, _) => open ? rows.Where(c => c.Outcome == null) : rows.Where(c => c.Outcome != null))
            .Describe("true: cases not closed yet; false: closed ones.");
        Reference("enterprise", c => c.EnterpriseId, EnterprisesGlobalIds.Enterprise);
        Reference("workstation", c => c.WorkstationId!.Value, WorkstationsGlobalIds.Workstation).Describe("The workstation serving the enterprise.");
        Reference("campaign", c => c.CampaignId!.Value, DisputesGlobalIds.Campaign);
        Date("openedOn", c => c.OpenedOn);
    }
}

internal sealed class CampaignList : EntityList<Campaign>
{
    public CampaignList()
        : base(DisputesGlobalIds.Campaign)
    {
        Order("OPENED_ON", c => c.OpenedOn).NewestFirst();
        Text("name", c => c.Name);
        Enum<CaseKindType, CaseKind>("kind", c => c.Kind);
    }
}

internal sealed class ExpertList : EntityList<Expert>
{
    public ExpertList()
        : base(DisputesGlobalIds.Expert)
    {
        Order("NAME", e => e.Name);
        Text("name", e => e.Name);
        Enum<ExpertKindType, ExpertKind>("kind", e => e.Kind);
    }
}

internal sealed class RiskWarningList : EntityList<RiskWarning>
{
    public RiskWarningList()
        : base(DisputesGlobalIds.RiskWarning)
    {
        Order("ISSUED_ON", w => w.IssuedOn).NewestFirst();
        Text("number", w => w.Number);
        Text("title", w => w.Title);
        Enum<RiskTypeType, RiskType>("riskType", w => w.RiskType);
        Enum<SeverityType, Severity>("severity", w => w.Severity);
        Date("validUntil", w => w.ValidUntil);
    }
}

internal sealed class NotificationList : EntityList<WarningNotification>
{
    public NotificationList()
        : base(DisputesGlobalIds.Notification)
    {
        Order("DELIVERED", n => n.Id).NewestFirst().Describe("The order of delivery (ids are time-ordered).");
        Reference("warning", n => n.WarningId, DisputesGlobalIds.RiskWarning);
        Reference("enterprise", n => n.EnterpriseId, EnterprisesGlobalIds.Enterprise);
        Add<BooleanGraphType, bool>("acknowledged", (rows, acknowledged, _) => acknowledged ? rows.Where(n => n.AcknowledgedAt != null) : rows.Where(n => n.AcknowledgedAt == null));
    }
}

internal sealed class ListDisputes : IQueryFieldContribution
{
    public static readonly DisputeCaseList Cases = ListDeclarations.Of<DisputeCaseList, DisputeCase>();
    public static readonly CampaignList Campaigns = ListDeclarations.Of<CampaignList, Campaign>();
    public static readonly ExpertList Experts = ListDeclarations.Of<ExpertList, Expert>();
    public static readonly RiskWarningList Warnings = ListDeclarations.Of<RiskWarningList, RiskWarning>();
    public static readonly NotificationList Notifications = ListDeclarations.Of<NotificationList, WarningNotification>();

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<DisputeCaseType, DisputeCase>>>("disputeCases")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Dispute cases the caller may see, newest first unless told otherwise.")
            .ListArguments(Cases)
            .ResolveAsync(async c => await Cases.PageAsync(c, Rows<DisputeCase>(c)));
        query.Field<NonNullGraphType<ConnectionType<CampaignType, Campaign>>>("campaigns")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Campaigns (squatting waves, suits naming many enterprises): the centre and workstation staff.")
            .ListArguments(Campaigns)
            .ResolveAsync(async c => await Campaigns.PageAsync(c, Rows<Campaign>(c)));
        query.Field<NonNullGraphType<ConnectionType<ExpertType, Expert>>>("experts")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("The expert registry: the centre and workstation staff; an expert sees their own entry.")
            .ListArguments(Experts)
            .ResolveAsync(async c => await Experts.PageAsync(c, Rows<Expert>(c)));
        query.Field<NonNullGraphType<ConnectionType<RiskWarningType, RiskWarning>>>("riskWarnings")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Risk warnings issued, newest first.")
            .ListArguments(Warnings)
            .ResolveAsync(async c => await Warnings.PageAsync(c, Rows<RiskWarning>(c)));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageFlowType>>>>("disputeFlows")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("The stage flows cases follow, as data (docs/dispute-flows.md).")
            .Resolve(c => c.RequestServices!.GetRequiredService<FlowCatalogue>().Flows);
    }

    private static IQueryable<T> Rows<T>(IResolveFieldContext c)
        where T : class =>
        c.RequestServices!.GetRequiredService<DisputesDbContext>().Rows<T>(c.Access(), c.RequestServices!);
}

/// <summary><c>Enterprise.disputeCases</c> and <c>Enterprise.notifications</c>, one read per page of enterprises.</summary>
internal sealed class EnterpriseDisputes : TypeExtension
{
    public EnterpriseDisputes()
        : base(EnterprisesGlobalIds.Enterprise)
    {
        Field<NonNullGraphType<ConnectionType<DisputeCaseType, DisputeCase>>>("disputeCases")
            .Description("Its dispute cases the caller may see, filtered and ordered like disputeCases.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(ListDisputes.Cases)
            .Resolve(c =>
            {
                var access = c.Access();
                return ListDisputes.Cases.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<DisputesDbContext>().Rows<DisputeCase>(access, sp), x => (Guid?)x.EnterpriseId);
            });
        Field<NonNullGraphType<ConnectionType<WarningNotificationType, WarningNotification>>>("notifications")
            .Description("Risk warnings delivered to it, newest first.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(ListDisputes.Notifications)
            .Resolve(c =>
            {
                var access = c.Access();
                return ListDisputes.Notifications.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<DisputesDbContext>().Rows<WarningNotification>(access, sp), x => (Guid?)x.EnterpriseId);
            });
    }
}

/// <summary><c>DisputeCampaign.cases</c>: the campaign's cases under the case rule.</summary>
internal sealed class CampaignCases : TypeExtension
{
    public CampaignCases()
        : base(DisputesGlobalIds.Campaign)
    {
        Field<NonNullGraphType<ConnectionType<DisputeCaseType, DisputeCase>>>("cases")
            .Description("Its cases the caller may see.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(ListDisputes.Cases)
            .Resolve(c =>
            {
                var access = c.Access();
                return ListDisputes.Cases.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<DisputesDbContext>().Rows<DisputeCase>(access, sp), x => x.CampaignId);
            });
    }
}

/// <summary><c>RiskWarning.notifications</c>: who it reached and who read and acknowledged it.</summary>
internal sealed class WarningNotifications : TypeExtension
{
    public WarningNotifications()
        : base(DisputesGlobalIds.RiskWarning)
    {
        Field<NonNullGraphType<ConnectionType<WarningNotificationType, WarningNotification>>>("notifications")
            .Description("Its deliveries the caller may see.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(ListDisputes.Notifications)
            .Resolve(c =>
            {
                var access = c.Access();
                return ListDisputes.Notifications.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<DisputesDbContext>().Rows<WarningNotification>(access, sp), x => (Guid?)x.WarningId);
            });
    }
}
