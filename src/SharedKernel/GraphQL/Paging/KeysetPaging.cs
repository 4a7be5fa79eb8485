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
        var window = query;
        if (page.After is { } after)
        {
            window = window.Where(sort.After(after, descending));
        }

        if (page.Before is { } before)
        {
            window = window.Where(sort.After(before, !descending));
        }

        // Walking backward reads the page from its end, then turns it around.
        var ordered = sort.OrderBy(window, page.Backward ? !descending : descending);
        var rows = page.Size == 0
            ? []
            : await ordered.Take(page.Size + 1).AsNoTracking().ToListAsync(cancellationToken);
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
        return new Connection<T>(edges, pageInfo, ct => query.CountAsync(ct));
    }
}
