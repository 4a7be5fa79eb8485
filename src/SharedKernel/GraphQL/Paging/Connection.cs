namespace IpShield.SharedKernel.GraphQL.Paging;

/// <summary>One page of a Relay connection. The total is counted only if a client selects it.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> CountAsync);

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
