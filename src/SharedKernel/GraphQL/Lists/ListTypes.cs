using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.Persistence;

namespace IpShield.SharedKernel.GraphQL.Lists;

/// <summary><c>XFilter</c>, derived from a list's declaration: all given conditions must hold.</summary>
public sealed class ListFilterType<TList, TEntity> : InputObjectGraphType
    where TList : EntityList<TEntity>, new()
    where TEntity : class, IEntity
{
    public ListFilterType()
    {
        var list = ListDeclarations.Of<TList, TEntity>();
        Name = $"{list.TypeName}Filter";
        Description = "All given conditions must hold.";
        foreach (var filter in list.Filters)
        {
            var field = Field(filter.Name, filter.InputType);
            field.Description(filter.Description);
            if (filter.DeprecationReason is { } reason)
            {
                field.DeprecationReason(reason);
            }
        }
    }
}

/// <summary><c>XOrderField</c>: the orderings a list declares.</summary>
public sealed class ListOrderFieldType<TList, TEntity> : EnumerationGraphType
    where TList : EntityList<TEntity>, new()
    where TEntity : class, IEntity
{
    public ListOrderFieldType()
    {
        var list = ListDeclarations.Of<TList, TEntity>();
        Name = $"{list.TypeName}OrderField";
        foreach (var ordering in list.Orderings)
        {
            Add(new EnumValueDefinition(ordering.Field, ordering) { Description = ordering.Description });
        }
    }
}

/// <summary><c>XOrder</c>: <c>{ field, direction }</c>, as on every list.</summary>
public sealed class ListOrderType<TList, TEntity> : InputObjectGraphType
    where TList : EntityList<TEntity>, new()
    where TEntity : class, IEntity
{
    public ListOrderType()
    {
        var list = ListDeclarations.Of<TList, TEntity>();
        Name = $"{list.TypeName}Order";
        Description = $"Orders by {string.Join(", ", list.Orderings.Select(o => o.Field))}; the id breaks ties. Default: {list.Orderings[0].Field} {(list.Orderings[0].DescendingByDefault ? "descending" : "ascending")}.";
        Field<NonNullGraphType<ListOrderFieldType<TList, TEntity>>>("field");
        Field<NonNullGraphType<OrderDirectionType>>("direction").DefaultValue(OrderDirection.Asc);
    }
}

/// <summary>One instance per declaration class: declarations hold only expressions, so all hosts of a process share them.</summary>
public static class ListDeclarations
{
    public static TList Of<TList, TEntity>()
        where TList : EntityList<TEntity>, new()
        where TEntity : class, IEntity =>
        Holder<TList>.Instance;

    private static class Holder<TList>
        where TList : new()
    {
        public static readonly TList Instance = new();
    }
}
