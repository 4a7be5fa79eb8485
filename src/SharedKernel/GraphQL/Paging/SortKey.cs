using System.Buffers.Text;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;

namespace IpShield.SharedKernel.GraphQL.Paging;

/// <summary>
/// An ordering of entities by one indexed column, with the id as tie-break, and the keyset predicates that page
/// through it: "rows after (key, id)" instead of OFFSET, so page 1000 costs what page 1 costs.
/// </summary>
public abstract class SortKey<T>
    where T : class, IEntity
{
    public abstract string Name { get; }

    public abstract IOrderedQueryable<T> OrderBy(IQueryable<T> query, bool descending);

    /// <summary>Rows strictly after the cursor's position when walking in the given direction.</summary>
    public abstract Expression<Func<T, bool>> After(string cursor, bool descending);

    public abstract string CursorOf(T entity);

    /// <summary>
    /// The first <paramref name="count"/> rows of each group in this order, in one statement (ROW_NUMBER() over a
    /// partition, on MariaDB and SQLite alike): a page of children for every parent of a page.
    /// </summary>
    public abstract IQueryable<T> FirstOfEachGroup<TGroup>(IQueryable<T> query, Expression<Func<T, TGroup>> group, bool descending, int count);

    public static SortKey<T> By<TKey>(string name, Expression<Func<T, TKey>> key) => new SortKey<T, TKey>(name, key);
}

internal sealed class SortKey<T, TKey>(string name, Expression<Func<T, TKey>> key) : SortKey<T>
    where T : class, IEntity
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;
    private readonly Func<T, TKey> _read = key.Compile();

    public override string Name => name;

    public override IOrderedQueryable<T> OrderBy(IQueryable<T> query, bool descending) =>
        descending
            ? query.OrderByDescending(key).ThenByDescending(e => e.Id)
            : query.OrderBy(key).ThenBy(e => e.Id);

    public override IQueryable<T> FirstOfEachGroup<TGroup>(IQueryable<T> query, Expression<Func<T, TGroup>> group, bool descending, int count)
    {
        // query.Select(group).Distinct().SelectMany(g => query.Where(e => group(e) == g).OrderBy(key).ThenBy(e => e.Id).Take(count)):
        // EF turns the equality-correlated Take into a join on ROW_NUMBER() OVER (PARTITION BY group ORDER BY key, id),
        // which MariaDB and SQLite both run (neither has LATERAL/APPLY, and GroupBy + Take is not translated).
        var groupValue = Expression.Parameter(typeof(TGroup), "g");
        var entity = group.Parameters[0];
        var sameGroup = Expression.Lambda<Func<T, bool>>(Expression.Equal(group.Body, groupValue), entity);
        var rows = query.Where(sameGroup);
        var ordered = OrderBy(rows, descending).Take(count);
        var perGroup = Expression.Lambda<Func<TGroup, IEnumerable<T>>>(ordered.Expression, groupValue);
        return query.Select(group).Distinct().SelectMany(perGroup);
    }

    public override string CursorOf(T entity)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload<TKey>(name, _read(entity), entity.Id));
        return Base64Url.EncodeToString(json);
    }

    public override Expression<Func<T, bool>> After(string cursor, bool descending)
    {
        var position = Decode(cursor);
        var entity = key.Parameters[0];
        var keyColumn = key.Body;
        var idColumn = Expression.Property(entity, nameof(IEntity.Id));
        var keyValue = Parameter(position.Key);
        var idValue = Parameter(position.Id);
        var beyond = descending ? ExpressionType.LessThan : ExpressionType.GreaterThan;

        // key beyond k0, or key equal to k0 and id beyond id0
        var body = Expression.OrElse(
            Compare(keyColumn, keyValue, beyond),
            Expression.AndAlso(Compare(keyColumn, keyValue, ExpressionType.Equal), Compare(idColumn, idValue, beyond)));
        return Expression.Lambda<Func<T, bool>>(body, entity);
    }

    private CursorPayload<TKey> Decode(string cursor)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<CursorPayload<TKey>>(Base64Url.DecodeFromChars(cursor));
            if (payload is not null && payload.Sort == name && payload.Key is not null)
            {
                return payload;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException)
        {
            // fall through to the typed error
        }

        throw new UserInputError(ErrorCodes.InvalidPaging, $"The cursor '{Truncate(cursor)}' does not belong to this list and order.");
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Expression Compare(Expression column, Expression value, ExpressionType comparison)
    {
        if (comparison == ExpressionType.Equal)
        {
            return Expression.Equal(column, value);
        }

        if (column.Type == typeof(string))
        {
            return Expression.MakeBinary(comparison, Expression.Call(StringCompare, column, value), Expression.Constant(0));
        }

        if (column.Type == typeof(Guid))
        {
            return Expression.MakeBinary(comparison, Expression.Call(column, GuidCompareTo, value), Expression.Constant(0));
        }

        return Expression.MakeBinary(comparison, column, value);
    }

    // A captured value becomes a SQL parameter, so every page shares one query plan.
    private static MemberExpression Parameter<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Captured<TValue>(value)), nameof(Captured<TValue>.Value));

    private sealed record Captured<TValue>(TValue Value);

    private sealed record CursorPayload<TValue>(string Sort, TValue Key, Guid Id);

}
