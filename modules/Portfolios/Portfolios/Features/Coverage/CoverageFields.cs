using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Features.Coverage;

/// <summary>An enterprise and its coverage gaps, for the lists of a workstation or park.</summary>
internal sealed record EnterpriseGaps(Guid EnterpriseId, IReadOnlyList<CoverageGap> Gaps);

/// <summary>Reads what coverage needs for a batch of enterprises: three statements, whatever the batch.</summary>
internal static class CoverageReads
{
    public static Task<Dictionary<Guid, IReadOnlyList<CoverageGap>>> GapsOfAsync(
        IServiceProvider services, AccessContext access, IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortfoliosDbContext>();
        return GapsOfAsync(db, db.Rows<IpRight>(access, services), enterpriseIds, cancellationToken);
    }

    /// <summary>The gaps against the marks of <paramref name="visibleRights"/>: the rights a caller may see, or all of them for aggregates.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<CoverageGap>>> GapsOfAsync(
        PortfoliosDbContext db, IQueryable<IpRight> visibleRights, IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken)
    {
        var markets = await db.EnterpriseMarkets.AsNoTracking().Where(m => enterpriseIds.Contains(m.EnterpriseId)).ToDictionaryAsync(m => m.EnterpriseId, cancellationToken);
        var marks = await visibleRights.AsNoTracking()
            .Where(r => enterpriseIds.Contains(r.EnterpriseId) && r.Kind == RightKind.Trademark)
            .Select(r => new { r.Id, r.EnterpriseId, r.Jurisdiction, r.Status, r.PlannedFilingOn })
            .ToListAsync(cancellationToken);
        var madrid = marks.Where(m => m.Jurisdiction == Jurisdiction.Madrid.Code).Select(m => m.Id).ToList();
        var designations = madrid.Count == 0 ? [] : await db.Designations.AsNoTracking().Where(d => madrid.Contains(d.RightId)).ToListAsync(cancellationToken);
        var byRight = designations.ToLookup(d => d.RightId);

        var coverage = marks.ToLookup(m => m.EnterpriseId, m => CoverageGaps.MarkCoverageOf(m.Jurisdiction, m.Status, m.PlannedFilingOn, byRight[m.Id].Select(d => (d.Country, d.Status))));
        return enterpriseIds.ToDictionary(
            id => id,
            id => markets.TryGetValue(id, out var m)
                ? CoverageGaps.Of(m.TargetMarkets, m.SalesPlatforms, [.. coverage[id].SelectMany(c => c)])
                : (IReadOnlyList<CoverageGap>)[]);
    }

    /// <summary>The enterprises settled in these workstations or parks the caller serves, with their gaps (those without any left out).</summary>
    public static BatchLoader<Guid, IReadOnlyList<EnterpriseGaps>> EnterprisesWithGaps(IResolveFieldContext context, bool byPark)
    {
        var access = context.Access();
        var services = context.RequestServices!;
        return services.GetRequiredService<RequestDataLoaders>().ForMany<Guid, EnterpriseGaps>(byPark ? "pf:gaps-of-park" : "pf:gaps-of-workstation", async (keys, ct) =>
        {
            var db = services.GetRequiredService<PortfoliosDbContext>();
            var placements = db.EnterprisePlacements.AsNoTracking();
            placements = byPark ? placements.Where(p => p.ParkId != null && keys.Contains(p.ParkId.Value)) : placements.Where(p => keys.Contains(p.WorkstationId));
            if (!access.IsAdmin)
            {
                // Staff see the enterprises of the workstations they serve; anyone else none (members see their own under Enterprise).
                var served = access.Kind == CallerKind.Person && access.Roles.Contains(PlatformRoles.WorkstationStaff) ? access.WorkstationIds.ToList() : [];
                placements = placements.Where(p => served.Contains(p.WorkstationId));
            }

            var settled = await placements.Select(p => new { p.EnterpriseId, Key = byPark ? p.ParkId!.Value : p.WorkstationId }).ToListAsync(ct);
            var gaps = await GapsOfAsync(services, access, [.. settled.Select(s => s.EnterpriseId)], ct);
            return settled.Where(s => gaps[s.EnterpriseId].Count > 0)
                .OrderBy(s => s.EnterpriseId)
                .ToLookup(s => s.Key, s => new EnterpriseGaps(s.EnterpriseId, gaps[s.EnterpriseId]));
        });
    }
}

internal sealed class CoverageGapReasonType : EnumerationGraphType<CoverageGapReason>
{
    public CoverageGapReasonType() => Name = "CoverageGapReason";
}

internal sealed class CoverageGapType : ObjectGraphType<CoverageGap>
{
    public CoverageGapType()
    {
        Name = "CoverageGap";
        Description = "A market where the enterprise sells or means to sell with no registered or pending mark.";
        Field(g => g.Market).Description("ISO 3166-1 alpha-2, or EU.");
        Field(g => g.Platform, nullable: true).Description("The platform it sells on there (noon, Amazon…); null for a target market alone.");
        Field<NonNullGraphType<CoverageGapReasonType>>("reason").Resolve(c => c.Source.Reason);
        Field(g => g.Explanation).Description("Why, in a sentence.");
    }
}

internal sealed class EnterpriseGapsType : ObjectGraphType<EnterpriseGaps>
{
    public EnterpriseGapsType()
    {
        Name = "EnterpriseCoverageGaps";
        Description = "An enterprise with coverage gaps.";
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoverageGapType>>>>("gaps").Resolve(c => c.Source.Gaps);
    }
}

/// <summary><c>Enterprise.coverageGaps</c>: one read per page of enterprises.</summary>
internal sealed class EnterpriseCoverage : TypeExtension
{
    public EnterpriseCoverage()
        : base(EnterprisesGlobalIds.Enterprise)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoverageGapType>>>>("coverageGaps")
            .Description("Its target markets and sales platforms with no registered or pending mark (among the marks the caller may see), and why.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Resolve(c =>
            {
                var access = c.Access();
                var services = c.RequestServices!;
                return services.GetRequiredService<RequestDataLoaders>()
                    .For<Guid, IReadOnlyList<CoverageGap>>("pf:coverage-gaps", async (ids, ct) => await CoverageReads.GapsOfAsync(services, access, ids, ct))
                    .Load(c.ParentKey());
            });
    }
}

/// <summary><c>Workstation.enterprisesWithCoverageGaps</c>.</summary>
internal sealed class WorkstationCoverage : TypeExtension
{
    public WorkstationCoverage()
        : base(WorkstationsGlobalIds.Workstation)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseGapsType>>>>("enterprisesWithCoverageGaps")
            .Description("The enterprises settled here whose target markets or platforms lack a registered or pending mark; staff of this workstation and the centre.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Resolve(c => CoverageReads.EnterprisesWithGaps(c, byPark: false).Load(c.ParentKey()));
    }
}

/// <summary><c>Park.enterprisesWithCoverageGaps</c>.</summary>
internal sealed class ParkCoverage : TypeExtension
{
    public ParkCoverage()
        : base(WorkstationsGlobalIds.Park)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseGapsType>>>>("enterprisesWithCoverageGaps")
            .Description("The enterprises settled in the park with coverage gaps; staff see those of their own workstations.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Resolve(c => CoverageReads.EnterprisesWithGaps(c, byPark: true).Load(c.ParentKey()));
    }
}
