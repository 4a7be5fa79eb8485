using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
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
    int Acknowledged,
    int AcknowledgingEnterprises,
    StatisticsPrivacy Privacy)
{
    /// <summary>Null without any reach, and for a dashboard when fewer enterprises than the threshold acknowledged.</summary>
    public double? AcknowledgementRate => Reach == 0 || Privacy.Count(AcknowledgingEnterprises) is null ? null : Math.Round((double)Acknowledged / Reach, 4);
}

/// <summary>
/// The kernel's small-group rule applied to case figures: a label (stage, platform, outcome) concerning fewer enterprises
/// than the threshold is folded into OTHER for a dashboard, or withheld when OTHER would concern too few too; sums and
/// medians over too few enterprises are left out. Counts shown are cases; the threshold counts distinct enterprises.
/// </summary>
internal static class CaseFigurePrivacy
{
    public static IReadOnlyList<LabelCount> Labels<T>(IReadOnlyList<T> rows, Func<T, string> label, Func<T, Guid> enterprise, StatisticsPrivacy privacy)
    {
        var groups = rows.GroupBy(label).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var folded = privacy.Fold(
            groups.Select(g => new GroupCount(g.Key, g.Value.Select(enterprise).Distinct().Count())),
            keys => keys.SelectMany(k => groups[k]).Select(enterprise).Distinct().Count());
        var shown = folded.Groups.Where(g => g.Key != Breakdown.Other).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var labels = shown.Select(k => new LabelCount(k, groups[k].Count)).OrderBy(l => l.Label, StringComparer.Ordinal).ToList();
        if (folded.Groups.Any(g => g.Key == Breakdown.Other))
        {
            labels.Add(new LabelCount(Breakdown.Other, groups.Where(g => !shown.Contains(g.Key)).Sum(g => g.Value.Count)));
        }

        return labels;
    }
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
        Field(s => s.AcknowledgementRate, nullable: true).Description("Acknowledged / reach; null without any, and for a dashboard when fewer enterprises than the privacy threshold acknowledged.");
        Field<NonNullGraphType<StatisticsPrivacyType>>("privacy")
            .Description("Whether these figures are exact or protected: for a dashboard, stages, platforms and outcomes concerning fewer enterprises than the threshold are folded into OTHER (or left out), and the median and the losses over too few enterprises are null or left out.")
            .Resolve(c => c.Source.Privacy);
    }
}

internal abstract class DisputeStatisticsSection : TypeExtension
{
    /// <summary>The parks' calendar: day bounds of the range become instants in its time zone.</summary>
    private static readonly TimeZoneInfo ParkZone = TimeZoneInfo.FindSystemTimeZoneById(ParkCalendar.DefaultTimeZone);

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, ParkZone.GetUtcOffset(midnight));
    }

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    protected DisputeStatisticsSection(string type, string whose)
        : base(type) =>
        Field<NonNullGraphType<ParkDisputeStatisticsType>>("disputes")
            .Description($"Disputes and risk warnings of {whose} enterprises (from the Disputes module).")
            .AuthorizeWithPolicy(AccessPolicies.Scope(PlatformScopes.StatsRead))
            .Argument<DateOnlyGraphType>("from", "First day of the range, in the park's calendar: cases closed and warnings delivered that day or later count. Default: no lower bound.")
            .Argument<DateOnlyGraphType>("to", "Last day of the range (included). Open cases are always today's. Default: no upper bound.")
            .ResolveAsync(async context =>
            {
                var (from, to) = (context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"));
                if (from > to)
                {
                    throw new UserInputError(ErrorCodes.Invalid, "from must not be after to.");
                }

                return await ReadAsync(
                    context.RequestServices!.GetRequiredService<DisputesDbContext>(),
                    context.ParentKey(),
                    (from, to),
                    StatisticsPrivacy.For(context.Access(), context.RequestServices!.GetRequiredService<IConfiguration>()),
                    context.CancellationToken);
            });

    // The root field has already decided that the caller may read this park's figures.
    private static async Task<ParkDisputeStatistics> ReadAsync(
        DisputesDbContext db, Guid park, (DateOnly? From, DateOnly? To) range, StatisticsPrivacy privacy, CancellationToken cancellationToken)
    {
        // Delivery instants bound by the park's calendar days: from the start of `from` to the end of `to`.
        DateTimeOffset? deliveredFrom = range.From is { } f ? StartOf(f) : null;
        DateTimeOffset? deliveredBefore = range.To is { } t ? StartOf(t.AddDays(1)) : null;
        var wholeCity = park == StatisticsScope.WholeCity;
        var cases = db.Cases.AsNoTracking().Where(c => wholeCity ? c.ParkId != null : c.ParkId == park);
        var open = await cases.Where(c => c.Outcome == null).Select(c => new { c.EnterpriseId, c.Stage, c.Platform }).ToListAsync(cancellationToken);
        var closedCases = cases.Where(c => c.Outcome != null);
        closedCases = range.From is { } closedFrom ? closedCases.Where(c => c.ClosedOn >= closedFrom) : closedCases;
        closedCases = range.To is { } closedTo ? closedCases.Where(c => c.ClosedOn <= closedTo) : closedCases;
        var closed = await closedCases.Select(c => new { c.EnterpriseId, c.Outcome, c.OpenedOn, c.ClosedOn }).ToListAsync(cancellationToken);
        var recovered = await db.Amounts.AsNoTracking().Where(a => a.Kind == AmountKind.LossesRecovered)
            .Join(closedCases, a => a.CaseId, c => c.Id, (a, c) => new { c.EnterpriseId, a.Currency, a.Amount }).ToListAsync(cancellationToken);
        var reached = db.Notifications.AsNoTracking().Where(n => db.Profiles.Any(p => p.EnterpriseId == n.EnterpriseId && (wholeCity ? p.ParkId != null : p.ParkId == park)));
        int warnings, reach, acknowledged, acknowledging;
        if ((deliveredFrom is not null || deliveredBefore is not null) && db.Database.ProviderName == SqliteProvider)
        {
            // SQLite keeps DateTimeOffset as text and cannot compare it: the embedded default filters the park's rows here.
            var rows = (await reached.Select(n => new { n.WarningId, n.EnterpriseId, n.DeliveredAt, Acknowledged = n.AcknowledgedAt != null }).ToListAsync(cancellationToken))
                .Where(n => (deliveredFrom is null || n.DeliveredAt >= deliveredFrom) && (deliveredBefore is null || n.DeliveredAt < deliveredBefore))
                .ToList();
            (warnings, reach) = (rows.Select(n => n.WarningId).Distinct().Count(), rows.Count);
            (acknowledged, acknowledging) = (rows.Count(n => n.Acknowledged), rows.Where(n => n.Acknowledged).Select(n => n.EnterpriseId).Distinct().Count());
        }
        else
        {
            reached = deliveredFrom is { } since ? reached.Where(n => n.DeliveredAt >= since) : reached;
            reached = deliveredBefore is { } before ? reached.Where(n => n.DeliveredAt < before) : reached;
            warnings = await reached.Select(n => n.WarningId).Distinct().CountAsync(cancellationToken);
            reach = await reached.CountAsync(cancellationToken);
            acknowledged = await reached.CountAsync(n => n.AcknowledgedAt != null, cancellationToken);
            acknowledging = await reached.Where(n => n.AcknowledgedAt != null).Select(n => n.EnterpriseId).Distinct().CountAsync(cancellationToken);
        }

        var median = CaseFigures.MedianDaysToClose(closed.Select(c => (c.OpenedOn, c.ClosedOn!.Value)));
        return new ParkDisputeStatistics(
            CaseFigurePrivacy.Labels(open, c => c.Stage, c => c.EnterpriseId, privacy),
            CaseFigurePrivacy.Labels(open, c => c.Platform.ToString(), c => c.EnterpriseId, privacy),
            CaseFigurePrivacy.Labels(closed, c => c.Outcome!.Value.ToString(), c => c.EnterpriseId, privacy),
            median is { } days ? privacy.Sum(days, closed.Select(c => c.EnterpriseId).Distinct().Count()) : null,
            [.. recovered.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Where(g => privacy.Sum(0m, g.Select(a => a.EnterpriseId).Distinct().Count()) is not null)
                .Select(g => new MoneyTotal(g.Key, g.Sum(a => a.Amount)))],
            warnings,
            reach,
            acknowledged,
            acknowledging,
            privacy);
    }
}

internal sealed class ParkStatisticsDisputes() : DisputeStatisticsSection(StatisticsScope.ParkType, "the park's");

internal sealed class CityStatisticsDisputes() : DisputeStatisticsSection(StatisticsScope.CityType, "the city's settled");
