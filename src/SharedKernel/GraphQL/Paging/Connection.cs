using GraphQL.DataLoader;

namespace IpShield.SharedKernel.GraphQL.Paging;

/// <summary>
/// One page of a Relay connection. The total is counted only if a client selects it; pages of many parents count
/// through one batched loader, so <see cref="Count"/> hands back a loader result rather than a task.
/// </summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<IDataLoaderResult<int>> Count);

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
