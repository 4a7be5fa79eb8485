namespace IpShield.Portfolios.Deadlines;

/// <summary>
/// The deadline rules, as data built in one place. Each rule carries the text it implements; docs/deadline-rules.md lists
/// them with the decisions taken where sources disagree. A later step stores them in a table where they can be changed.
/// </summary>
internal sealed class DeadlineRuleCatalogue
{
    public DeadlineRuleCatalogue(IEnumerable<DeadlineRule> rules)
    {
        Rules = [.. rules];
        foreach (var rule in Rules)
        {
            if (rule.Recurrence is { } recurrence && recurrence.Every.IsZero)
            {
                throw new ArgumentException($"Rule {rule.Id} recurs every 0 days.", nameof(rules));
            }
        }

        var twice = Rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? Rules.SelectMany((a, i) => Rules.Skip(i + 1).Where(b => SameKey(a, b)).Select(b => $"{a.Id} and {b.Id}")).FirstOrDefault();
        if (twice is not null)
        {
            throw new ArgumentException($"A rule is entered twice: {twice}.", nameof(rules));
        }
    }

    public static DeadlineRuleCatalogue Shipped { get; } = new(ShippedRules.All);

    public IReadOnlyList<DeadlineRule> Rules { get; }

    public DeadlineRule this[string id] => Rules.Single(r => r.Id == id);

    /// <summary>phpIP keeps a unique hash of a rule's key columns; here: same task, trigger and place, shared kinds, overlapping filing dates.</summary>
    private static bool SameKey(DeadlineRule a, DeadlineRule b) =>
        a.Task == b.Task && a.Trigger == b.Trigger && a.Jurisdiction == b.Jurisdiction && a.Kinds.Overlaps(b.Kinds)
        && (a.FiledBefore ?? DateOnly.MaxValue) > (b.FiledFrom ?? DateOnly.MinValue)
        && (b.FiledBefore ?? DateOnly.MaxValue) > (a.FiledFrom ?? DateOnly.MinValue);
}
