using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Deadlines;

/// <summary>
/// Computes a right's deadlines from its facts and the rule catalogue. A pure function: no clock, no database; today is a
/// parameter and only decides whether a deadline past its last day is missed.
/// </summary>
internal sealed class DeadlineEngine(DeadlineRuleCatalogue catalogue)
{
    /// <summary>Enough for every recurrence a right can live through (20 annuities, renewals for centuries).</summary>
    private const int MaxCycles = 100;

    public IReadOnlyList<Deadline> Compute(IpRightFacts right, DateOnly today, DateOnly? forecastUntil = null) =>
        Compute(right, catalogue.Rules, today, forecastUntil);

    /// <summary>
    /// The deadlines of <paramref name="right"/>: every occurrence already closed by an event, then the next one still to do.
    /// With <paramref name="forecastUntil"/> the occurrences after it that fall due by that day are listed too.
    /// </summary>
    public static IReadOnlyList<Deadline> Compute(IpRightFacts right, IEnumerable<DeadlineRule> rules, DateOnly today, DateOnly? forecastUntil = null)
    {
        var applicable = Select(right, rules);
        var termEnds = applicable.Where(r => r.Task == DeadlineTask.TermEnds)
            .SelectMany(r => Occurrences(r, right, today, forecastUntil, termEnd: null))
            .ToList();
        DateOnly? termEnd = termEnds.Count == 0 ? null : termEnds.Min(d => d.DueOn);

        return [.. termEnds
            .Concat(applicable.Where(r => r.Task != DeadlineTask.TermEnds).SelectMany(r => Occurrences(r, right, today, forecastUntil, termEnd)))
            .OrderBy(d => d.DueOn)
            .ThenBy(d => d.Task)];
    }

    /// <summary>The rules for this right: a jurisdiction's own rules for a task replace the generic ones for that task.</summary>
    public static IReadOnlyList<DeadlineRule> Select(IpRightFacts right, IEnumerable<DeadlineRule> rules)
    {
        var candidates = rules.Where(r => r.AppliesTo(right)).ToList();
        var ownTasks = candidates.Where(r => r.Jurisdiction is not null).Select(r => r.Task).ToHashSet();
        return [.. candidates.Where(r => r.Jurisdiction is not null || !ownTasks.Contains(r.Task))];
    }

    private static IEnumerable<Deadline> Occurrences(DeadlineRule rule, IpRightFacts right, DateOnly today, DateOnly? forecastUntil, DateOnly? termEnd)
    {
        DateOnly? conditionOn = rule.Condition is { } condition ? right.DateOf(condition) : null;
        var trigger = rule.CountsFromPriority ? right.EarliestPriorityOn ?? right.DateOf(rule.Trigger) : right.DateOf(rule.Trigger);
        if (trigger is not { } start || (rule.Condition is not null && conditionOn is null))
        {
            yield break;
        }

        var aborted = right.Events.Any(e => rule.AbortedBy.Contains(e.Kind));
        var closers = right.Events.Where(e => rule.ClosedBy.Contains(e.Kind)).OrderBy(e => e.OccurredOn).ToList();
        var recurrence = rule.Recurrence;
        var previousDue = start;
        var matchFrom = start; // an event before this day belongs to an earlier occurrence
        var anyToDo = false;

        for (var cycle = recurrence?.FirstCycle ?? 1; cycle < (recurrence?.FirstCycle ?? 1) + MaxCycles; cycle++)
        {
            if (recurrence?.LastCycle is { } last && cycle > last)
            {
                yield break;
            }

            if (DueOn(rule, start, cycle, previousDue) is not { } due
                || (recurrence is { StopsAtTermEnd: true } && due >= termEnd)
                || (anyToDo && (forecastUntil is not { } until || due > until)))
            {
                yield break;
            }

            previousDue = due;
            if (recurrence is { SkipsCyclesDueByCondition: true } && due <= conditionOn)
            {
                matchFrom = conditionOn.Value.AddDays(1); // what was paid with the condition settled this cycle
                continue;
            }

            if (Dated(rule, cycle, due) is not { } deadline)
            {
                yield break;
            }

            var from = deadline.WindowOpensOn is { } opens && opens > matchFrom ? opens : matchFrom;
            matchFrom = due;
            var closer = closers.FirstOrDefault(e => from <= e.OccurredOn && e.OccurredOn <= deadline.LastDay);
            if (closer is not null)
            {
                closers.Remove(closer);
                yield return deadline with { State = DeadlineState.Done, ClosedOn = closer.OccurredOn };
            }
            else if (aborted)
            {
                yield break; // the matter is over: nothing more to do
            }
            else
            {
                // A date that only passes (an opposition period, a term end) is done once it has passed.
                var state = today <= deadline.LastDay ? DeadlineState.Open
                    : rule.ClosedBy.Count == 0 ? DeadlineState.Done
                    : DeadlineState.Missed;
                yield return deadline with { State = state };
                if (state == DeadlineState.Missed)
                {
                    yield break; // a missed renewal or annuity ends the right; later cycles never come
                }

                anyToDo |= state == DeadlineState.Open;
            }

            if (recurrence is null)
            {
                yield break;
            }
        }
    }

    private static DateOnly? DueOn(DeadlineRule rule, DateOnly start, int cycle, DateOnly previousDue)
    {
        var first = rule.Recurrence?.FirstCycle ?? 1;
        try
        {
            if (rule.Due == DueDateConvention.LastDayOfTerm)
            {
                // Each renewed term runs from the day after the previous one ended (CN Trademark Law art. 40).
                var (termStart, length) = cycle == first ? (start, rule.Offset) : (previousDue.AddDays(1), rule.Recurrence!.Every);
                var anniversary = length.AddTo(termStart, out var clamped);
                return clamped ? anniversary : anniversary.AddDays(-1);
            }

            var period = rule.Offset + (rule.Recurrence?.Every ?? default).Times(cycle - first);
            var due = period.AddTo(start);
            return rule.Due == DueDateConvention.EndOfMonth ? EndOfMonth(due) : due;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // beyond the Um al-Qura calendar's range (AH 1500, AD 2077): no date can be computed
        }
    }

    private static Deadline? Dated(DeadlineRule rule, int cycle, DateOnly due)
    {
        try
        {
            return DatedWithin(rule, cycle, due);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // a window or grace beyond the Um al-Qura calendar's range
        }
    }

    private static Deadline DatedWithin(DeadlineRule rule, int cycle, DateOnly due)
    {
        var endOfMonth = rule.Due == DueDateConvention.EndOfMonth;
        DateOnly? opens = rule.WindowBefore is { } window
            ? (endOfMonth ? window.Negate().AddTo(due).AddDays(1) : window.Negate().AddTo(due))
            : null;

        var grace = rule.Grace is { } g && (g.AppliesToDueFrom is not { } from || due >= from) ? g : null;
        if (grace is null)
        {
            return new Deadline(rule.Id, rule.Task, cycle, due) { WindowOpensOn = opens };
        }

        var graceEnds = grace.Length.AddTo(due);
        var surcharges = new List<DatedSurcharge>();
        var stepStart = due.AddDays(1);
        foreach (var step in grace.Surcharges)
        {
            var until = step.LateBy.AddTo(due);
            surcharges.Add(new DatedSurcharge(stepStart, until, step.Percent));
            stepStart = until.AddDays(1);
        }

        return new Deadline(rule.Id, rule.Task, cycle, due)
        {
            WindowOpensOn = opens,
            GraceEndsOn = endOfMonth ? EndOfMonth(graceEnds) : graceEnds,
            Surcharges = surcharges,
            SurchargeNote = grace.SurchargeNote,
        };
    }

    private static DateOnly EndOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
