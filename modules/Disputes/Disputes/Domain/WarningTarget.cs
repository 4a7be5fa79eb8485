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
    public static double? MedianDaysToClose(IEnumerable<(DateOnly OpenedOn, DateOnly ClosedOn)> closed)
    {
        var days = closed.Select(c => c.ClosedOn.DayNumber - c.OpenedOn.DayNumber).Order().ToList();
        if (days.Count == 0)
        {
            return null;
        }

        var middle = days.Count / 2;
        return days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2.0;
    }
}
