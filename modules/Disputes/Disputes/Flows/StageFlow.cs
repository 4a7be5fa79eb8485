using IpShield.Disputes.Domain;
using IpShield.SharedKernel.Time;

namespace IpShield.Disputes.Flows;

/// <summary>How a stage's deadline is counted.</summary>
internal enum DeadlineUnit
{
    CalendarDays,
    BusinessDays,
    Months,
    Years,
}

/// <summary>When a move out of a stage may happen relative to the stage's deadline.</summary>
internal enum MoveTiming
{
    /// <summary>Any time.</summary>
    Any,

    /// <summary>Only up to and including the due day: a counter-notice after its window is lost.</summary>
    ByDeadline,

    /// <summary>Only once the due day has passed: eBay VeRO's escalation after 5 business days without an answer.</summary>
    AfterDeadline,
}

/// <summary>
/// A stage's clock: <see cref="Count"/> units after the day the stage was entered, or after the day another stage was
/// entered (<see cref="Anchor"/>: a TRO extended "to 28 days" counts from the grant). <see cref="NoLimitForBadFaith"/>
/// lifts it for a case marked bad faith (CN invalidation of a mark registered in bad faith).
/// </summary>
internal sealed record StageDeadline(int Count, DeadlineUnit Unit, string Act, string? Anchor = null, bool NoLimitForBadFaith = false)
{
    public DateOnly DueOn(DateOnly from) => Unit switch
    {
        DeadlineUnit.BusinessDays => BusinessDays.Add(from, Count),
        DeadlineUnit.CalendarDays => Period.OfDays(Count).AddTo(from),
        DeadlineUnit.Months => Period.OfMonths(Count).AddTo(from),
        DeadlineUnit.Years => Period.OfYears(Count).AddTo(from),
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };

    public string Describe() => $"{Act}: {Count} {Unit switch
    {
        DeadlineUnit.BusinessDays => "business days",
        DeadlineUnit.CalendarDays => "days",
        DeadlineUnit.Months => "months",
        _ => "years",
    }}{(Anchor is null ? "" : $" from {Anchor}")}";
}

/// <summary>A move the flow allows out of a stage.</summary>
internal sealed record StageMove(string To, MoveTiming Timing = MoveTiming.Any);

/// <summary>One stage of a flow: its key (SCREAMING_CASE, stable), a name, its deadline if any, and where it may go next.</summary>
internal sealed record Stage(string Key, string Name, StageDeadline? Deadline, IReadOnlyList<StageMove> Moves)
{
    public bool IsFinal => Moves.Count == 0;
}

/// <summary>
/// A stage flow: the path a kind of case takes on a platform (or before an office or court), as data. The first stage is
/// where a case starts. <see cref="Kinds"/> and <see cref="Platforms"/> choose it when a case is opened without naming a
/// flow; an empty set matches any. Sources are listed in docs/dispute-flows.md.
/// </summary>
internal sealed record StageFlow(
    string Key,
    string Name,
    IReadOnlySet<CaseKind> Kinds,
    IReadOnlySet<DisputePlatform> Platforms,
    string? Market,
    IReadOnlyList<Stage> Stages,
    string Source)
{
    public Stage Start => Stages[0];

    public Stage? StageOf(string key) => Stages.FirstOrDefault(s => s.Key == key);

    public bool Fits(CaseKind kind, DisputePlatform platform, string market) =>
        (Kinds.Count == 0 || Kinds.Contains(kind))
        && (Platforms.Count == 0 || Platforms.Contains(platform))
        && (Market is null || Market == market);
}
