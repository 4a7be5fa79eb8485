using GraphQL.DataLoader;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.GraphQL.Paging;

public static class KeysetPaging
{
    /// <summary>
    /// Reads one page of <paramref name="query"/> (already filtered and access-checked) in the given order.
    /// One SQL statement for the page; a second only if the client selects totalCount.
    /// </summary>
    public static async Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> query, SortKey<T> sort, bool descending, PageRequest page, CancellationToken cancellationToken)
        where T : class, IEntity
    {
        var rows = page.Size == 0
            ? []
            : await sort.OrderBy(Window(query, sort, descending, page), page.Backward ? !descending : descending)
                .Take(page.Size + 1).AsNoTracking().ToListAsync(cancellationToken);
        return Assemble(rows, sort, page, () => new DeferredDataLoaderResult<int>(ct => query.CountAsync(ct)));
    }

    /// <summary>The rows beyond the page's cursors.</summary>
    public static IQueryable<T> Window<T>(IQueryable<T> query, SortKey<T> sort, bool descending, PageRequest page)
        where T : class, IEntity
    {
        if (page.After is { } after)
        {
            query = query.Where(sort.After(after, descending));
        }

        if (page.Before is { } before)
        {
            query = query.Where(sort.After(before, !descending));
        }

        return query;
    }

    /// <summary>
    /// Makes the page from up to <c>page.Size + 1</c> rows read in walking order (walking backward reads the page from
    /// its end, so it is turned around here); the extra row only tells that there is more.
    /// </summary>
    public static Connection<T> Assemble<T>(List<T> rows, SortKey<T> sort, PageRequest page, Func<IDataLoaderResult<int>> count)
        where T : class, IEntity
    {
        var hasMore = rows.Count > page.Size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (page.Backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(row => new Edge<T>(sort.CursorOf(row), row)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: page.Backward ? page.Before is not null : hasMore,
            HasPreviousPage: page.Backward ? hasMore : page.After is not null,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, pageInfo, count);
    }
}
