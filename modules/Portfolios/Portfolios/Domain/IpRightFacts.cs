namespace IpShield.Portfolios.Domain;

/// <summary>
/// What the deadline engine needs to know of a right: its kind and jurisdiction, its key dates and the events recorded
/// in its history. A date left out is looked up among the events of the same kind.
/// </summary>
internal sealed record IpRightFacts(RightKind Kind, Jurisdiction Jurisdiction)
{
    public DateOnly? FiledOn { get; init; }

    /// <summary>The earliest priority claimed (Paris Convention), for rules that count from priority.</summary>
    public DateOnly? EarliestPriorityOn { get; init; }

    /// <summary>Publication for opposition (CN: the preliminary approval announcement).</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>Registration of a mark or grant of a patent or design; for a Madrid mark, the international registration.</summary>
    public DateOnly? RegisteredOn { get; init; }

    public IReadOnlyList<RecordedEvent> Events { get; init; } = [];

    /// <summary>The date an event of this kind happened: the key date if the right carries it, else the first such event.</summary>
    public DateOnly? DateOf(LifecycleEventKind kind)
    {
        var keyDate = kind switch
        {
            LifecycleEventKind.Filed => FiledOn,
            LifecycleEventKind.Published => PublishedOn,
            LifecycleEventKind.Registered or LifecycleEventKind.Granted => RegisteredOn,
            _ => null,
        };
        return keyDate ?? Events.Where(e => e.Kind == kind).Select(e => (DateOnly?)e.OccurredOn).Min();
    }
}
