using GraphQL.Builders;
using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Paging;

/// <summary><c>XConnection</c> for a node type named <c>XType</c>: edges, nodes, pageInfo and a lazily counted totalCount.</summary>
public sealed class ConnectionType<TNodeType, TSource> : ObjectGraphType<Connection<TSource>>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var node = NodeName.Of<TNodeType>();
        Name = $"{node}Connection";
        Description = $"A page of {node} objects.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, TSource>>>>>("edges")
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The nodes of the edges, for clients that need no cursors.")
            .Resolve(context => context.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(context => context.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many match the filter in all pages. Costs a count query, made only when selected.")
            .Resolve(context => context.Source.Count());
    }
}

public sealed class EdgeType<TNodeType, TSource> : ObjectGraphType<Edge<TSource>>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = $"{NodeName.Of<TNodeType>()}Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(context => context.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}

public enum OrderDirection
{
    Asc,
    Desc,
}

public sealed class OrderDirectionType : EnumerationGraphType<OrderDirection>
{
    public OrderDirectionType()
    {
        Name = "OrderDirection";
    }
}

public static class PagingFieldBuilderExtensions
{
    /// <summary>Adds first/after/last/before with the page-size cap in their descriptions.</summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"Page size from the start or after a cursor (0 to {PageRequest.MaxPageSize}, default {PageRequest.DefaultPageSize}).")
            .Argument<StringGraphType>("after", "A cursor from a previous page.")
            .Argument<IntGraphType>("last", $"Page size from the end or before a cursor (0 to {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("before", "A cursor from a previous page.");
}

internal static class NodeName
{
    public static string Of<TNodeType>()
    {
        var name = typeof(TNodeType).Name;
        return name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4] : name;
    }
}
