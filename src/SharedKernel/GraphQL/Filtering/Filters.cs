namespace IpShield.SharedKernel.GraphQL.Filtering;

/// <summary>Text filter: all given conditions must hold. <c>contains</c> ignores case on MariaDB and SQLite alike.</summary>
public sealed class StringFilter
{
    public string? Eq { get; set; }
    public List<string>? In { get; set; }
    public string? Contains { get; set; }
}

/// <summary>Calendar-date filter; a range whose lower end lies above its upper end is refused.</summary>
public sealed class DateFilter
{
    public DateOnly? Eq { get; set; }
    public DateOnly? Gt { get; set; }
    public DateOnly? Gte { get; set; }
    public DateOnly? Lt { get; set; }
    public DateOnly? Lte { get; set; }
}

/// <summary>Instant filter (UTC): from (inclusive) and before (exclusive) bounds.</summary>
public sealed class DateTimeFilter
{
    public DateTime? Gte { get; set; }
    public DateTime? Lt { get; set; }
}

/// <summary>Filter on a reference to another object, by its global id.</summary>
public sealed class IdFilter
{
    public string? Eq { get; set; }
    public List<string>? In { get; set; }
}

public sealed class EnumFilter<TEnum>
    where TEnum : struct, Enum
{
    public TEnum? Eq { get; set; }
    public List<TEnum>? In { get; set; }
}
