using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Schema;

internal sealed class ExpertType : EntityNodeType<Expert, DisputesDbContext>
{
    public ExpertType()
        : base(DisputesGlobalIds.Expert)
    {
        Description = "A lawyer, agent or mediator of the expert registry.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(e => e.Name);
        Field(e => e.Organisation, nullable: true);
        Field<NonNullGraphType<ExpertKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("specialties").Resolve(c => c.Source.Specialties);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("jurisdictions").Description("ISO 3166-1 alpha-2 codes or EU.").Resolve(c => c.Source.Jurisdictions);
    }
}

/// <summary>The number of a campaign's cases (that the caller may see) in one stage.</summary>
internal sealed record StageCount(string Stage, int Count);

internal sealed class StageCountType : ObjectGraphType<StageCount>
{
    public StageCountType()
    {
        Name = "DisputeStageCount";
        Field(s => s.Stage).Description("A stage key, or CLOSED.");
        Field(s => s.Count);
    }
}

internal sealed class CampaignType : EntityNodeType<Campaign, DisputesDbContext>
{
    public CampaignType()
        : base(DisputesGlobalIds.Campaign)
    {
        Description = "One squatting wave or one suit naming many enterprises: groups their cases, each keeping its own timeline.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(c => c.Name);
        Field<NonNullGraphType<CaseKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(c => c.Description, nullable: true);
        Field(c => c.OpenedOn);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageCountType>>>>("countsByStage")
            .Description("Its cases the caller may see, counted by stage (closed ones as CLOSED).")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var rows = await services.GetRequiredService<DisputesDbContext>().Rows<DisputeCase>(c.Access(), services)
                    .Where(x => x.CampaignId == c.Source.Id)
                    .GroupBy(x => x.Outcome == null ? x.Stage : "CLOSED")
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToListAsync(c.CancellationToken);
                return rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new StageCount(r.Key, r.Count)).ToList();
            });
    }
}

internal sealed class RiskWarningType : EntityNodeType<RiskWarning, DisputesDbContext>
{
    public RiskWarningType()
        : base(DisputesGlobalIds.RiskWarning)
    {
        Description = "A risk warning drawn from overseas IP news, delivered to the enterprises it concerns.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(w => w.Number);
        Field(w => w.Title);
        Field(w => w.Body);
        Field<NonNullGraphType<RiskTypeType>>("riskType").Resolve(c => c.Source.RiskType);
        Field<NonNullGraphType<SeverityType>>("severity").Resolve(c => c.Source.Severity);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("markets").Description("Empty: any market.").Resolve(c => c.Source.Markets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("platforms").Description("As the Enterprises module spells sales platforms; empty: any.").Resolve(c => c.Source.Platforms);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("productCategories").Description("Empty: any.").Resolve(c => c.Source.ProductCategories);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("brands").Description("Brands or rights holders concerned.").Resolve(c => c.Source.Brands);
        Field(w => w.RecommendedActions, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("sources").Resolve(c => c.Source.Sources);
        Field(w => w.IssuedOn);
        Field(w => w.ValidUntil).Description("Enterprises that start to match up to this day still receive it.");
        Field("issuingWorkstation", new GraphQLTypeReference(WorkstationsGlobalIds.Workstation))
            .Description("Null when the city centre issued it.")
            .Resolve(c => c.LoadNode(WorkstationsGlobalIds.Workstation, c.Source.IssuingWorkstationId));
        Field<NonNullGraphType<IntGraphType>>("reach")
            .Description("Enterprises it reached that the caller may see (all of them for the centre and the issuing workstation's staff).")
            .ResolveAsync(async c => await Notifications(c).CountAsync(c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("acknowledgedCount")
            .ResolveAsync(async c => await Notifications(c).CountAsync(n => n.AcknowledgedAt != null, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("readCount")
            .ResolveAsync(async c => await Notifications(c).CountAsync(n => n.ReadAt != null, c.CancellationToken));
    }

    private static IQueryable<WarningNotification> Notifications(IResolveFieldContext<RiskWarning> c)
    {
        var services = c.RequestServices!;
        return services.GetRequiredService<DisputesDbContext>().Rows<WarningNotification>(c.Access(), services).Where(n => n.WarningId == c.Source.Id);
    }
}

internal sealed class WarningNotificationType : EntityNodeType<WarningNotification, DisputesDbContext>
{
    public WarningNotificationType()
        : base(DisputesGlobalIds.Notification)
    {
        Description = "A risk warning delivered to one enterprise: its members and its workstation's staff see it.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field("warning", new NonNullGraphType(new GraphQLTypeReference(DisputesGlobalIds.RiskWarning)))
            .Resolve(c => c.LoadNode(DisputesGlobalIds.RiskWarning, c.Source.WarningId));
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field(n => n.DeliveredAt);
        Field(n => n.ReadAt, nullable: true);
        Field(n => n.AcknowledgedAt, nullable: true);
    }
}
