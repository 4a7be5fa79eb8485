using IpShield.SharedKernel.Time;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Deadlines;

/// <summary>What a deadline asks the right's holder to do (or to watch pass).</summary>
internal enum DeadlineTask
{
    /// <summary>Renew the registration (for US marks the combined §8 declaration and §9 renewal).</summary>
    Renewal,

    /// <summary>US: the §8 declaration of use between the 5th and 6th anniversary of registration.</summary>
    DeclarationOfUse,

    /// <summary>The period in which third parties may oppose the published application ends.</summary>
    OppositionPeriodEnds,

    /// <summary>Pay the annual fee that keeps a patent or design in force for the next year.</summary>
    Annuity,

    /// <summary>The maximum term of the right ends; nothing keeps it alive after this day.</summary>
    TermEnds,
}

/// <summary>How the due date is read from the trigger date plus the offset.</summary>
internal enum DueDateConvention
{
    /// <summary>The anniversary itself: the same day of the month, or the month's last day where it does not exist.</summary>
    Anniversary,

    /// <summary>
    /// The last day of a term that began on the trigger date: the day before the anniversary, or the anniversary itself when
    /// it fell on a clamped month end (a term from 29 February ends on 28 February). CNIPA counts terms this way
    /// (registered 2014-03-07, valid to 2024-03-06).
    /// </summary>
    LastDayOfTerm,

    /// <summary>The last day of the month of the anniversary (phpIP's <c>end_of_month</c>).</summary>
    EndOfMonth,
}

/// <summary>One step of a late-payment surcharge: paid late by more than the previous step and at most <see cref="LateBy"/>.</summary>
internal sealed record SurchargeStep(Period LateBy, decimal Percent);

/// <summary>
/// The time after the due date in which the act can still be done, usually for a surcharge. <see cref="AppliesToDueFrom"/>
/// limits it to deadlines falling due on or after the day the law that grants it came into force.
/// </summary>
internal sealed record GracePeriod(Period Length)
{
    public IReadOnlyList<SurchargeStep> Surcharges { get; init; } = [];

    /// <summary>The surcharge as the source states it where it is not a percentage of one fee (e.g. "USD 100 per class").</summary>
    public string? SurchargeNote { get; init; }

    public DateOnly? AppliesToDueFrom { get; init; }
}

/// <summary>
/// A deadline that comes back: cycle n (counted from <see cref="FirstCycle"/>) falls due <see cref="Every"/> × (n − first)
/// after the first. Cycles falling due on or before the rule's condition event are settled by it (CN: the fee of the grant
/// year is paid at registration); <see cref="StopsAtTermEnd"/> drops cycles due on or after the right's term end.
/// </summary>
internal sealed record Recurrence(Period Every)
{
    public int FirstCycle { get; init; } = 1;

    public int? LastCycle { get; init; }

    public bool SkipsCyclesDueByCondition { get; init; }

    public bool StopsAtTermEnd { get; init; }
}

/// <summary>
/// A deadline rule as data (after phpIP's <c>task_rules</c>). A rule for a jurisdiction replaces the generic rules
/// (<see cref="Jurisdiction"/> null) of the same task for the kinds it covers; <see cref="FiledFrom"/> and
/// <see cref="FiledBefore"/> choose a rule by the right's filing date, because law changes apply by filing date.
/// </summary>
internal sealed record DeadlineRule(string Id, DeadlineTask Task, LifecycleEventKind Trigger, IReadOnlySet<RightKind> Kinds, Period Offset)
{
    /// <summary>Null: every jurisdiction without a rule of its own for this task.</summary>
    public Jurisdiction? Jurisdiction { get; init; }

    public DueDateConvention Due { get; init; } = DueDateConvention.Anniversary;

    /// <summary>Count from the earliest priority date instead of the trigger (phpIP's <c>use_priority</c>).</summary>
    public bool CountsFromPriority { get; init; }

    /// <summary>The window opens this long before the due date and closes on it; null: no opening date in the source.</summary>
    public Period? WindowBefore { get; init; }

    public GracePeriod? Grace { get; init; }

    public Recurrence? Recurrence { get; init; }

    /// <summary>Created only if this event is recorded (phpIP's <c>condition_event</c>).</summary>
    public LifecycleEventKind? Condition { get; init; }

    /// <summary>Events that do what the deadline asks: one of them within the window or grace closes an occurrence.</summary>
    public IReadOnlySet<LifecycleEventKind> ClosedBy { get; init; } = new HashSet<LifecycleEventKind>();

    /// <summary>Events that end the matter: once one is recorded no open occurrence is created (phpIP's <c>abort_on</c>).</summary>
    public IReadOnlySet<LifecycleEventKind> AbortedBy { get; init; } = new HashSet<LifecycleEventKind>();

    /// <summary>Applies to rights filed on or after this day (phpIP's <c>use_after</c>, by filing date here).</summary>
    public DateOnly? FiledFrom { get; init; }

    /// <summary>Applies to rights filed before this day (phpIP's <c>use_before</c>, by filing date here).</summary>
    public DateOnly? FiledBefore { get; init; }

    /// <summary>The law or official text the rule implements, and what it says.</summary>
    public string LegalSource { get; init; } = "";

    public bool AppliesTo(IpRightFacts right)
    {
        if (!Kinds.Contains(right.Kind) || (Jurisdiction is { } jurisdiction && jurisdiction != right.Jurisdiction))
        {
            return false;
        }

        if (FiledFrom is null && FiledBefore is null)
        {
            return true;
        }

        // A rule chosen by filing date cannot be chosen without one.
        return right.DateOf(LifecycleEventKind.Filed) is { } filed
            && (FiledFrom is not { } from || filed >= from)
            && (FiledBefore is not { } before || filed < before);
    }
}
