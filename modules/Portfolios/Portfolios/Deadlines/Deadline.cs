namespace IpShield.Portfolios.Deadlines;

/// <summary>
/// Where a deadline stands. The engine derives open, done and missed from the events and today's date; waived is only
/// ever set by a person (stored with the deadline in a later step).
/// </summary>
internal enum DeadlineState
{
    Open,
    Done,
    Missed,
    Waived,
}

/// <summary>A surcharge step on the calendar: paying between these days (inclusive) costs this percentage more.</summary>
internal sealed record DatedSurcharge(DateOnly From, DateOnly Until, decimal Percent);

/// <summary>One deadline computed for a right: the rule that made it, which occurrence of it, and its dates.</summary>
internal sealed record Deadline(string RuleId, DeadlineTask Task, int Cycle, DateOnly DueOn)
{
    public DateOnly? WindowOpensOn { get; init; }

    public DateOnly? GraceEndsOn { get; init; }

    public IReadOnlyList<DatedSurcharge> Surcharges { get; init; } = [];

    public string? SurchargeNote { get; init; }

    public DeadlineState State { get; init; }

    /// <summary>The day of the event that closed it, when done by an event.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>The last day on which the act can still be done: the end of the grace period, else the due date.</summary>
    public DateOnly LastDay => GraceEndsOn ?? DueOn;

    /// <summary>
    /// The surcharge in percent for doing it on <paramref name="day"/>: 0 until due, null once it is too late. Where the rule
    /// states its surcharge only in words (<see cref="SurchargeNote"/>) the grace period reads as 0 here.
    /// </summary>
    public decimal? SurchargePercentOn(DateOnly day)
    {
        if (day <= DueOn)
        {
            return 0m;
        }

        if (day > LastDay)
        {
            return null;
        }

        return Surcharges.FirstOrDefault(s => s.From <= day && day <= s.Until)?.Percent ?? 0m;
    }
}
