using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Schema;

/// <summary>A dispute case: its flow and stage with the stage's clock, parties, money, experts and timeline.</summary>
internal sealed class DisputeCaseType : EntityNodeType<DisputeCase, DisputesDbContext>
{
    public DisputeCaseType()
        : base(DisputesGlobalIds.DisputeCase)
    {
        Description = "A dispute of one enterprise, following a stage flow. Seen by its enterprise's members, its workstation's staff, the city centre and its assigned experts.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(c => c.Title);
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Description("Null when the caller may not see the enterprise record (an expert, say).")
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field<NonNullGraphType<CaseKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<DisputePlatformType>>("platform").Resolve(c => c.Source.Platform);
        Field(c => c.Market).Description("ISO 3166-1 alpha-2 code of the market concerned.");
        Field<NonNullGraphType<StageFlowType>>("flow").Resolve(c => Catalogue(c).Find(c.Source.FlowKey));
        Field<NonNullGraphType<StageType>>("stage").Resolve(c => Catalogue(c).Find(c.Source.FlowKey)!.StageOf(c.Source.Stage));
        Field(c => c.StageEnteredOn);
        Field(c => c.StageDueOn, nullable: true).Description("When the current stage's act is due (docs/dispute-flows.md); null without a clock or once closed.");
        Field<NonNullGraphType<BooleanGraphType>>("stageDeadlineMissed")
            .Description("The current stage's due day has passed, today in the park's time zone, and the case is still in it.")
            .Resolve(c => !c.Source.IsClosed && StageRules.IsMissed(c.Source.StageDueOn, ParkCalendar.Today(c.RequestServices!.GetRequiredService<TimeProvider>())));
        Field(c => c.BadFaith).Description("The other side acted in bad faith (lifts the CN invalidation limit).");
        Field(c => c.Complainant, nullable: true);
        Field(c => c.RightAsserted, nullable: true).Description("The right the complainant asserts: a mark, patent or work, with its number.");
        Field("concernedRights", new NonNullGraphType(new ListGraphType(new GraphQLTypeReference(PortfoliosGlobalIds.IpRight))))
            .Description("The enterprise's own rights concerned (null entries: rights the caller may not see).")
            .ResolveAsync(async c =>
            {
                // All queued first, so the first await reads them in one batch.
                var pending = c.Source.ConcernedRightIds.Select(id => c.LoadNode(PortfoliosGlobalIds.IpRight, id)).ToList();
                var rights = new List<object?>();
                foreach (var right in pending)
                {
                    rights.Add(await right.GetResultAsync(c.CancellationToken));
                }

                return rights;
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("affectedListings").Description("Listings or stores affected.").Resolve(c => c.Source.AffectedListings);
        Field("campaign", new GraphQLTypeReference(DisputesGlobalIds.Campaign)).Resolve(c => c.LoadNode(DisputesGlobalIds.Campaign, c.Source.CampaignId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExpertType>>>>("experts")
            .Description("Experts assigned to it.")
            .Resolve(c => Loaders(c).ForMany<Guid, Expert>("dsp:case-experts", async (keys, ct) =>
            {
                var db = c.RequestServices!.GetRequiredService<DisputesDbContext>();
                var rows = await db.CaseExperts.Where(a => keys.Contains(a.CaseId))
                    .Join(db.Experts, a => a.ExpertId, e => e.Id, (a, e) => new { a.CaseId, Expert = e })
                    .AsNoTracking().ToListAsync(ct);
                return rows.OrderBy(r => r.Expert.Name).ToLookup(r => r.CaseId, r => r.Expert);
            }).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseAmountType>>>>("amounts")
            .Resolve(c => Loaders(c).ForMany<Guid, CaseAmount>("dsp:case-amounts", async (keys, ct) =>
                (await c.RequestServices!.GetRequiredService<DisputesDbContext>().Amounts.Where(a => keys.Contains(a.CaseId)).AsNoTracking().ToListAsync(ct))
                    .OrderBy(a => a.On).ThenBy(a => a.Id).ToLookup(a => a.CaseId)).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEntryType>>>>("timeline")
            .Description("Every stage change, note, amount, expert and evidence file, oldest first.")
            .Resolve(c => Loaders(c).ForMany<Guid, TimelineEntry>("dsp:case-timeline", async (keys, ct) =>
                (await c.RequestServices!.GetRequiredService<DisputesDbContext>().Timeline.Where(t => keys.Contains(t.CaseId)).AsNoTracking().ToListAsync(ct))
                    .OrderBy(t => t.Id).ToLookup(t => t.CaseId)).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Features.Evidence.EvidenceFileType>>>>("evidence")
            .Description("Evidence files, oldest first; each downloadable by those who may see the case.")
            .Resolve(c => Loaders(c).ForMany<Guid, EvidenceFile>("dsp:case-evidence", async (keys, ct) =>
                (await c.RequestServices!.GetRequiredService<DisputesDbContext>().Evidence.Where(e => keys.Contains(e.CaseId)).AsNoTracking().ToListAsync(ct))
                    .OrderBy(e => e.Id).ToLookup(e => e.CaseId)).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Features.Mediations.MediationType>>>>("mediations")
            .Description("Mediations on it, oldest first: consultation record, parties, mediator, agreement or not.")
            .Resolve(Features.Mediations.MediationHandlers.OfCase);
        Field<CaseOutcomeType>("outcome").Resolve(c => c.Source.Outcome);
        Field(c => c.OpenedOn);
        Field(c => c.ClosedOn, nullable: true);
        Field(c => c.Version).Description("Changes with every change of the case.");
    }

    private static FlowCatalogue Catalogue(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<FlowCatalogue>();

    private static RequestDataLoaders Loaders(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RequestDataLoaders>();
}

internal sealed class TimelineEntryType : ObjectGraphType<TimelineEntry>
{
    public TimelineEntryType()
    {
        Name = "DisputeTimelineEntry";
        Field<NonNullGraphType<TimelineEntryKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(t => t.FromStage, nullable: true);
        Field(t => t.ToStage, nullable: true);
        Field(t => t.On).Description("The day it happened.");
        Field(t => t.Note, nullable: true);
        Field(t => t.RecordedBy, nullable: true).Description("The subject id of who recorded it.");
        Field(t => t.RecordedAt);
    }
}

internal sealed class CaseAmountType : ObjectGraphType<CaseAmount>
{
    public CaseAmountType()
    {
        Name = "DisputeAmount";
        Field<NonNullGraphType<AmountKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(a => a.Amount);
        Field(a => a.Currency).Description("ISO 4217 code.");
        Field(a => a.On);
    }
}
