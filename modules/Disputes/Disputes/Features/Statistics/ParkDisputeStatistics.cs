using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.Statistics;

internal sealed record LabelCount(string Label, int Count);

internal sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>Counts only: what a park's dashboard may read about its disputes and warnings, never the cases behind them.</summary>
internal sealed record ParkDisputeStatistics(
    IReadOnlyList<LabelCount> OpenByStage,
    IReadOnlyList<LabelCount> OpenByPlatform,
    IReadOnlyList<LabelCount> ClosedByOutcome,
    double? MedianDaysToClose,
    IReadOnlyList<MoneyTotal> LossesRecovered,
    int WarningsReceived,
    int Reach,
    int Acknowledged)
{
    public double? AcknowledgementRate => Reach == 0 ? null : Math.Round((double)Acknowledged / Reach, 4);
}

internal sealed class LabelCountType : ObjectGraphType<LabelCount>
{
    public LabelCountType()
    {
        Name = "DisputeCount";
        Field(c => c.Label).Description("A stage key, a platform or an outcome.");
        Field(c => c.Count);
    }
}

internal sealed class MoneyTotalType : ObjectGraphType<MoneyTotal>
{
    public MoneyTotalType()
    {
        Name = "MoneyTotal";
        Field(m => m.Currency).Description("ISO 4217 code.");
        Field(m => m.Amount);
    }
}

internal sealed class ParkDisputeStatisticsType : ObjectGraphType<ParkDisputeStatistics>
{
    public ParkDisputeStatisticsType()
    {
        Name = "ParkDisputeStatistics";
        Description = "Disputes and warnings of the park's enterprises, as counts (from the Disputes module).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("openByStage").Resolve(c => c.Source.OpenByStage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("openByPlatform").Resolve(c => c.Source.OpenByPlatform);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("closedByOutcome").Resolve(c => c.Source.ClosedByOutcome);
        Field(s => s.MedianDaysToClose, nullable: true).Description("From opening to closing, over closed cases.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MoneyTotalType>>>>("lossesRecovered").Description("Summed per currency.").Resolve(c => c.Source.LossesRecovered);
        Field(s => s.WarningsReceived).Description("Risk warnings that reached at least one enterprise of the park.");
        Field(s => s.Reach).Description("Notifications delivered to the park's enterprises.");
        Field(s => s.Acknowledged);
        Field(s => s.AcknowledgementRate, nullable: true).Description("Acknowledged / reach; null without any.");
    }
}

internal sealed class ParkStatisticsDisputes : TypeExtension
{
    public ParkStatisticsDisputes()
        : base("ParkStatistics") =>
        Field<NonNullGraphType<ParkDisputeStatisticsType>>("disputes")
            .Description("Disputes and risk warnings of the park's enterprises (from the Disputes module).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .ResolveAsync(async context => await ReadAsync(context.RequestServices!.GetRequiredService<DisputesDbContext>(), context.ParentKey(), context.CancellationToken));

    // The root field has already decided that the caller may read this park's figures.
    private static async Task<ParkDisputeStatistics> ReadAsync(DisputesDbContext db, Guid park, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.ParkId == park);
        var open = cases.Where(c => c.Outcome == null);
        var byStage = await open.GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byPlatform = await open.GroupBy(c => c.Platform).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var closed = await cases.Where(c => c.Outcome != null).Select(c => new { c.Outcome, c.OpenedOn, c.ClosedOn }).ToListAsync(cancellationToken);
        var recovered = await db.Amounts.AsNoTracking().Where(a => a.Kind == AmountKind.LossesRecovered && cases.Select(c => c.Id).Contains(a.CaseId))
            .Select(a => new { a.Currency, a.Amount }).ToListAsync(cancellationToken);
        var reached = db.Notifications.AsNoTracking().Where(n => db.Profiles.Any(p => p.EnterpriseId == n.EnterpriseId && p.ParkId == park));
        var warnings = await reached.Select(n => n.WarningId).Distinct().CountAsync(cancellationToken);
        var reach = await reached.CountAsync(cancellationToken);
        var acknowledged = await reached.CountAsync(n => n.AcknowledgedAt != null, cancellationToken);
        return new ParkDisputeStatistics(
            [.. byStage.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new LabelCount(s.Key, s.Count))],
            [.. byPlatform.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => new LabelCount(p.Key.ToString(), p.Count))],
            [.. closed.GroupBy(c => c.Outcome!.Value.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new LabelCount(g.Key, g.Count()))],
            CaseFigures.MedianDaysToClose(closed.Select(c => (c.OpenedOn, c.ClosedOn!.Value))),
            [.. recovered.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MoneyTotal(g.Key, g.Sum(a => a.Amount)))],
            warnings,
            reach,
            acknowledged);
    }
}
