using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.Persistence;

namespace IpShield.SharedKernel.GraphQL.Lists;

/// <summary>
/// One list of entities, declared once: its filters (the <c>StringFilter</c>/<c>IdFilter</c>/<c>DateFilter</c> dialect)
/// and its orderings. The kernel derives the <c>XFilter</c> and <c>XOrder</c> input types and the
/// <c>XOrderField</c> enum from it, applies them to a query, and pages the result, for a root list and for a list that
/// another module adds to a type alike. Declare it as a sealed class whose constructor calls the declaring
/// methods; the first ordering is the default.
/// </summary>
public abstract class EntityList<TEntity>
    where TEntity : class, IEntity
{
    private readonly List<ListFilter<TEntity>> _filters = [];
    private readonly List<ListOrdering<TEntity>> _orderings = [];

    protected EntityList(string typeName) => TypeName = typeName;

    /// <summary>The GraphQL name of the listed type: names the derived types (<c>WorkstationFilter</c>, <c>WorkstationOrder</c>).</summary>
    public string TypeName { get; }

    public IReadOnlyList<ListFilter<TEntity>> Filters => _filters;

    public IReadOnlyList<ListOrdering<TEntity>> Orderings => _orderings;

    /// <summary>Text, with eq, in and a case-insensitive contains.</summary>
    protected ListFilter<TEntity> Text(string name, Expression<Func<TEntity, string>> column) =>
        Add<StringFilterInputType, StringFilter>(name, (rows, filter, context) => rows.Where(column, filter, context.Path));

    protected ListFilter<TEntity> Date(string name, Expression<Func<TEntity, DateOnly>> column) =>
        Add<DateFilterInputType, DateFilter>(name, (rows, filter, context) => rows.Where(column, filter, context.Path));

    protected ListFilter<TEntity> Instant(string name, Expression<Func<TEntity, DateTime>> column) =>
        Add<DateTimeFilterInputType, DateTimeFilter>(name, (rows, filter, context) => rows.Where(column, filter, context.Path));

    protected ListFilter<TEntity> Enum<TEnumType, TEnum>(string name, Expression<Func<TEntity, TEnum>> column)
        where TEnumType : EnumerationGraphType<TEnum>
        where TEnum : struct, System.Enum =>
        Add<EnumFilterInputType<TEnumType, TEnum>, EnumFilter<TEnum>>(name, (rows, filter, context) => rows.Where(column, filter, context.Path));

    /// <summary>A reference to another object, filtered by its global ids (of <paramref name="typeName"/>).</summary>
    protected ListFilter<TEntity> Reference(string name, Expression<Func<TEntity, Guid>> column, string typeName) =>
        Add<IdFilterInputType, IdFilter>(name, (rows, filter, context) => rows.Where(column, filter, typeName, context.Path));

    /// <summary>A filter of the module's own input type, applied by the module (conditions on related rows, say).</summary>
    protected ListFilter<TEntity> Add<TInputType, TValue>(string name, Func<IQueryable<TEntity>, TValue, ListFilterContext, IQueryable<TEntity>> apply)
        where TInputType : IGraphType
    {
        var filter = new ListFilter<TEntity>(name, typeof(TInputType), (rows, value, context) => apply(rows, (TValue)value, context with { Path = $"where.{name}" }));
        _filters.Add(filter);
        return filter;
    }

    /// <summary>An ordering by one column (the id breaks ties); <paramref name="field"/> is the enum value, e.g. OPENED_ON.</summary>
    protected ListOrdering<TEntity> Order<TKey>(string field, Expression<Func<TEntity, TKey>> key)
    {
        var ordering = new ListOrdering<TEntity>(field, SortKey<TEntity>.By(field.ToLowerInvariant(), key));
        _orderings.Add(ordering);
        return ordering;
    }

    /// <summary>Applies the <c>where</c> argument as parsed from the derived filter type.</summary>
    public IQueryable<TEntity> Filter(IQueryable<TEntity> rows, IDictionary<string, object?>? where, ListFilterContext context)
    {
        if (where is null)
        {
            return rows;
        }

        foreach (var filter in _filters)
        {
            if (where.TryGetValue(filter.Name, out var value) && value is not null)
            {
                rows = filter.Apply(rows, value, context);
            }
        }

        return rows;
    }

    /// <summary>The ordering asked for in the <c>orderBy</c> argument, or the default one ascending.</summary>
    public (SortKey<TEntity> Sort, bool Descending) OrderOf(IDictionary<string, object?>? orderBy)
    {
        if (_orderings.Count == 0)
        {
            throw new InvalidOperationException($"The {TypeName} list declares no ordering.");
        }

        if (orderBy?.TryGetValue("field", out var field) == true && field is ListOrdering<TEntity> asked)
        {
            return (asked.Sort, orderBy.TryGetValue("direction", out var direction) && direction is OrderDirection.Desc);
        }

        return (_orderings[0].Sort, _orderings[0].DescendingByDefault);
    }
}

/// <summary>What a module's own filter may need besides the value: the request's services and the input path for errors.</summary>
public sealed record ListFilterContext(IServiceProvider Services, string Path = "where");

public sealed class ListFilter<TEntity>(string name, Type inputType, Func<IQueryable<TEntity>, object, ListFilterContext, IQueryable<TEntity>> apply)
{
    public string Name { get; } = name;

    public Type InputType { get; } = inputType;

    public string? Description { get; private set; }

    public string? DeprecationReason { get; private set; }

    internal IQueryable<TEntity> Apply(IQueryable<TEntity> rows, object value, ListFilterContext context) => apply(rows, value, context);

    public ListFilter<TEntity> Describe(string description)
    {
        Description = description;
        return this;
    }

    /// <summary>An old spelling kept for one release.</summary>
    public ListFilter<TEntity> Deprecate(string reason)
    {
        DeprecationReason = reason;
        return this;
    }
}

public sealed class ListOrdering<TEntity>(string field, SortKey<TEntity> sort)
    where TEntity : class, IEntity
{
    public string Field { get; } = field;

    public SortKey<TEntity> Sort { get; } = sort;

    public string? Description { get; private set; }

    /// <summary>Whether the list, asked for no order, walks this one from the end (newest first, say).</summary>
    public bool DescendingByDefault { get; private set; }

    public ListOrdering<TEntity> NewestFirst()
    {
        DescendingByDefault = true;
        return this;
    }

    public ListOrdering<TEntity> Describe(string description)
    {
        Description = description;
        return this;
    }
}

/// <summary>Reads the list arguments of a connection field.</summary>
public static class ListArguments
{
    public static IDictionary<string, object?>? Where(this IResolveFieldContext context) =>
        context.GetArgument<Dictionary<string, object?>?>("where");

    public static IDictionary<string, object?>? OrderBy(this IResolveFieldContext context) =>
        context.GetArgument<Dictionary<string, object?>?>("orderBy");
}
