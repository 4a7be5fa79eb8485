using GraphQL;
using GraphQL.DataLoader;
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
            .Resolve(c => new ReachFigure(Reach(c), r => r?.Reached ?? 0));
        Field<NonNullGraphType<IntGraphType>>("acknowledgedCount")
            .Resolve(c => new ReachFigure(Reach(c), r => r?.Acknowledged ?? 0));
        Field<NonNullGraphType<IntGraphType>>("readCount")
            .Resolve(c => new ReachFigure(Reach(c), r => r?.Read ?? 0));
    }

    /// <summary>
    /// Reach, reads and acknowledgements of a page of warnings in one grouped statement, under the notification rule. The
    /// resolvers return the loader's result rather than awaiting it, so the whole page is queued before the one read.
    /// </summary>
    private static IDataLoaderResult<WarningReach?> Reach(IResolveFieldContext<RiskWarning> c)
    {
        var services = c.RequestServices!;
        var access = c.Access();
        return services.GetRequiredService<SharedKernel.GraphQL.DataLoading.RequestDataLoaders>().For<Guid, WarningReach>("dsp:warning-reach", async (keys, ct) =>
        {
            var rows = await services.GetRequiredService<DisputesDbContext>().Rows<WarningNotification>(access, services)
                .Where(n => keys.Contains(n.WarningId))
                .GroupBy(n => n.WarningId)
                .Select(g => new { g.Key, Reached = g.Count(), Read = g.Count(n => n.ReadAt != null), Acknowledged = g.Count(n => n.AcknowledgedAt != null) })
                .ToListAsync(ct);
            return rows.ToDictionary(r => r.Key, r => new WarningReach(r.Reached, r.Read, r.Acknowledged));
        }).Load(c.Source.Id);
    }
}

/// <summary>How many enterprises a warning reached, read it and acknowledged it.</summary>
internal sealed record WarningReach(int Reached, int Read, int Acknowledged);

/// <summary>One figure of a warning's queued <see cref="WarningReach"/>: awaited only once the page has queued every warning.</summary>
internal sealed class ReachFigure(IDataLoaderResult<WarningReach?> reach, Func<WarningReach?, int> figure) : IDataLoaderResult<int>
{
    public async Task<int> GetResultAsync(CancellationToken cancellationToken = default) => figure(await reach.GetResultAsync(cancellationToken));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
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
