using System.Linq.Expressions;
using System.Reflection;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.SharedKernel.GraphQL.Filtering;

/// <summary>Turns filter inputs into EF-translatable LINQ predicates, one column at a time.</summary>
public static class FilterTranslation
{
    public const int MaxInValues = 100;
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public static IQueryable<T> Where<T>(this IQueryable<T> query, Expression<Func<T, string>> column, StringFilter? filter, string field)
    {
        if (filter is null)
        {
            return query;
        }

        if (filter.Eq is { } eq)
        {
            query = query.Where(Predicate(column, value => Expression.Equal(value, Captured(eq))));
        }

        if (filter.In is { } values)
        {
            CheckIn(values.Count, field);
            query = query.Where(Predicate(column, value => Expression.Call(Captured(values), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, value)));
        }

        if (filter.Contains is { Length: > 0 } term)
        {
            // LOWER() on both sides: MariaDB's is Unicode-aware, and SQLite's is replaced by a Unicode one (SqliteUnicodeFunctions).
            var lowered = term.ToLowerInvariant();
            query = query.Where(Predicate(column, value => Expression.Call(Expression.Call(value, ToLower), StringContains, Captured(lowered))));
        }

        return query;
    }

    public static IQueryable<T> Where<T>(this IQueryable<T> query, Expression<Func<T, DateOnly>> column, DateFilter? filter, string field)
    {
        if (filter is null)
        {
            return query;
        }

        var lower = Max(filter.Gte, filter.Gt?.AddDays(1));
        var upper = Min(filter.Lte, filter.Lt?.AddDays(-1));
        if (lower > upper || (filter.Eq is { } eq && (eq < lower || eq > upper)))
        {
            throw new UserInputError(ErrorCodes.InvalidFilter, $"The range given for {field} cannot match any date.");
        }

        if (filter.Eq is { } exact)
        {
            query = query.Where(Predicate(column, value => Expression.Equal(value, Captured(exact))));
        }

        if (lower is { } from)
        {
            query = query.Where(Predicate(column, value => Expression.GreaterThanOrEqual(value, Captured(from))));
        }

        if (upper is { } to)
        {
            query = query.Where(Predicate(column, value => Expression.LessThanOrEqual(value, Captured(to))));
        }

        return query;
    }

    public static IQueryable<T> Where<T>(this IQueryable<T> query, Expression<Func<T, DateTime>> column, DateTimeFilter? filter, string field)
    {
        if (filter is null)
        {
            return query;
        }

        if (filter.Gte is { } from && filter.Lt is { } before && from.ToUniversalTime() >= before.ToUniversalTime())
        {
            throw new UserInputError(ErrorCodes.InvalidFilter, $"The range given for {field} cannot match any instant.");
        }

        if (filter.Gte is { } gte)
        {
            var utc = gte.ToUniversalTime();
            query = query.Where(Predicate(column, value => Expression.GreaterThanOrEqual(value, Captured(utc))));
        }

        if (filter.Lt is { } lt)
        {
            var utc = lt.ToUniversalTime();
            query = query.Where(Predicate(column, value => Expression.LessThan(value, Captured(utc))));
        }

        return query;
    }

    public static IQueryable<T> Where<T, TEnum>(this IQueryable<T> query, Expression<Func<T, TEnum>> column, EnumFilter<TEnum>? filter, string field)
        where TEnum : struct, Enum
    {
        if (filter is null)
        {
            return query;
        }

        if (filter.Eq is { } eq)
        {
            query = query.Where(Predicate(column, value => Expression.Equal(value, Captured(eq))));
        }

        if (filter.In is { } values)
        {
            CheckIn(values.Count, field);
            query = query.Where(Predicate(column, value => Expression.Call(Captured(values), typeof(List<TEnum>).GetMethod(nameof(List<TEnum>.Contains))!, value)));
        }

        return query;
    }

    /// <summary>Filters a reference column by global ids that must be of <paramref name="typeName"/>.</summary>
    public static IQueryable<T> Where<T>(this IQueryable<T> query, Expression<Func<T, Guid>> column, IdFilter? filter, string typeName, string field)
    {
        if (filter is null)
        {
            return query;
        }

        if (filter.Eq is { } eq)
        {
            var key = Decode(eq, typeName, field);
            query = query.Where(Predicate(column, value => Expression.Equal(value, Captured(key))));
        }

        if (filter.In is { } ids)
        {
            CheckIn(ids.Count, field);
            var keys = ids.Select(id => Decode(id, typeName, field)).ToList();
            query = query.Where(Predicate(column, value => Expression.Call(Captured(keys), typeof(List<Guid>).GetMethod(nameof(List<Guid>.Contains))!, value)));
        }

        return query;
    }

    private static Guid Decode(string id, string typeName, string field) =>
        GlobalId.TryDecode(id, typeName, out var key)
            ? key
            : throw new UserInputError(ErrorCodes.InvalidId, $"'{id}' in {field} is not the id of a {typeName}.");

    private static void CheckIn(int count, string field)
    {
        if (count > MaxInValues)
        {
            throw new UserInputError(ErrorCodes.InvalidFilter, $"{field}.in accepts at most {MaxInValues} values.");
        }
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static Expression<Func<T, bool>> Predicate<T, TColumn>(Expression<Func<T, TColumn>> column, Func<Expression, Expression> condition) =>
        Expression.Lambda<Func<T, bool>>(condition(column.Body), column.Parameters);

    // Values are captured, not inlined, so EF sends them as parameters.
    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    private sealed record Box<TValue>(TValue Value);
}
