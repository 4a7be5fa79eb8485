namespace IpShield.Disputes.Domain;

/// <summary>What an enterprise sells where, as the targeting sees it.</summary>
internal sealed record SalesProfile(Guid? WorkstationId, IReadOnlyCollection<string> Markets, IReadOnlyCollection<string> Platforms, IReadOnlyCollection<string> ProductCategories);

/// <summary>
/// Who a warning concerns: settled enterprises (of the issuing workstation, when a workstation issued it) that sell in one
/// of its markets, on one of its platforms, in one of its product categories; an empty list matches any. Markets are
/// compared as codes (a warning for GCC reaches enterprises that list GCC, not those that list only AE), platforms as the
/// Enterprises module spells them, categories case-insensitively. The database query (<see cref="Persistence.Targeting"/>)
/// says the same thing in SQL; the unit tests hold both to this.
/// </summary>
internal sealed record WarningTarget(Guid? WorkstationId, IReadOnlyCollection<string> Markets, IReadOnlyCollection<string> Platforms, IReadOnlyCollection<string> ProductCategories)
{
    public bool Matches(SalesProfile enterprise) =>
        enterprise.WorkstationId is { } workstation
        && (WorkstationId is null || WorkstationId == workstation)
        && Overlaps(Markets, enterprise.Markets, StringComparer.Ordinal)
        && Overlaps(Platforms, enterprise.Platforms, StringComparer.Ordinal)
        && Overlaps(ProductCategories, enterprise.ProductCategories, StringComparer.OrdinalIgnoreCase);

    private static bool Overlaps(IReadOnlyCollection<string> wanted, IReadOnlyCollection<string> has, StringComparer comparer) =>
        wanted.Count == 0 || wanted.Any(w => has.Contains(w, comparer));
}

/// <summary>Figures of the statistics section, pure.</summary>
internal static class CaseFigures
{
    /// <summary>The median of days from opening to closing; null without closed cases. An even count averages the middle two.</summary>
    public static double? MedianDaysToClose(IEnumerable<(DateOnly OpenedOn, DateOnly ClosedOn)> closed) =>
        MedianDaysToClose(closed.GroupBy(c => c.ClosedOn.DayNumber - c.OpenedOn.DayNumber).Select(g => (g.Key, g.Count())));

    /// <summary>
    /// The same median from closed cases counted per number of days (what the database groups them into: a few hundred
    /// rows for thousands of cases).
    /// </summary>
    public static double? MedianDaysToClose(IEnumerable<(int Days, int Cases)> histogram)
    {
        var ordered = histogram.Where(h => h.Cases > 0).OrderBy(h => h.Days).ToList();
        var count = ordered.Sum(h => h.Cases);
        if (count == 0)
        {
            return null;
        }

        // The value at a 0-based position of the sorted days.
        int At(int position)
        {
            foreach (var (days, cases) in ordered)
            {
                if (position < cases)
                {
                    return days;
                }

                position -= cases;
            }

            throw new ArgumentOutOfRangeException(nameof(position));
        }

        var middle = count / 2;
        return count % 2 == 1 ? At(middle) : (At(middle - 1) + At(middle)) / 2.0;
    }
}
