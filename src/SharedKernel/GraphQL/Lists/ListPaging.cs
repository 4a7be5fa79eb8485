using System.Linq.Expressions;
using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Lists;

/// <summary>Connection fields over a declared <see cref="EntityList{TEntity}"/>: at the root, and as children of every parent of a page.</summary>
public static class ListPaging
{
    /// <summary>Adds <c>where</c>, <c>orderBy</c> and the paging arguments of <paramref name="list"/>.</summary>
    public static FieldBuilder<TSource, TReturn> ListArguments<TSource, TReturn, TEntity>(this FieldBuilder<TSource, TReturn> field, EntityList<TEntity> list)
        where TEntity : class, IEntity
    {
        var declaration = list.GetType();
        field.Argument(typeof(ListFilterType<,>).MakeGenericType(declaration, typeof(TEntity)), "where");
        field.Argument(typeof(ListOrderType<,>).MakeGenericType(declaration, typeof(TEntity)), "orderBy");
        return field.PagingArguments();
    }

    /// <summary>One page of <paramref name="rows"/> (already under the row rule), filtered and ordered as the field's arguments say.</summary>
    public static Task<Connection<TEntity>> PageAsync<TEntity>(this EntityList<TEntity> list, IResolveFieldContext context, IQueryable<TEntity> rows)
        where TEntity : class, IEntity
    {
        var page = PageRequest.From(context);
        var filtered = list.Filter(rows, context.Where(), new ListFilterContext(context.RequestServices!));
        var (sort, descending) = list.OrderOf(context.OrderBy());
        return filtered.ToConnectionAsync(sort, descending, page, context.CancellationToken);
    }

    /// <summary>
    /// The page of children of the parent this field is resolved on. The pages of all parents of one level are read
    /// together: one statement for the pages (ROW_NUMBER over <paramref name="parentKey"/>), one for their totals if
    /// asked, whatever the number of parents.
    /// </summary>
    public static IDataLoaderResult<Connection<TEntity>?> PageOfParent<TEntity>(
        this EntityList<TEntity> list,
        IResolveFieldContext context,
        Guid parent,
        Func<IServiceProvider, IQueryable<TEntity>> rows,
        Expression<Func<TEntity, Guid?>> parentKey)
        where TEntity : class, IEntity
    {
        var page = PageRequest.From(context);
        var services = context.RequestServices!;
        var where = context.Where();
        var (sort, descending) = list.OrderOf(context.OrderBy());
        var loaders = services.GetRequiredService<RequestDataLoaders>();
        var parentOf = parentKey.Compile();

        IQueryable<TEntity> Children(IReadOnlyCollection<Guid> parents)
        {
            var ids = parents.Select(p => (Guid?)p).ToList();
            return list.Filter(rows(services), where, new ListFilterContext(services)).Where(InList(parentKey, ids));
        }

        var totals = loaders.For<Guid, int>($"{list.TypeName}:totals", context.FieldAst, async (parents, ct) =>
            (await Children(parents).GroupBy(parentKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .ToDictionary(g => g.Key!.Value, g => g.Count));

        var pages = loaders.For<Guid, Connection<TEntity>>($"{list.TypeName}:pages", context.FieldAst, async (parents, ct) =>
        {
            var walk = page.Backward ? !descending : descending;
            var found = page.Size == 0
                ? []
                : await sort.OrderBy(sort.FirstOfEachGroup(KeysetPaging.Window(Children(parents), sort, descending, page), parentKey, walk, page.Size + 1), walk)
                    .ToListAsync(ct);
            var byParent = found.ToLookup(e => parentOf(e)!.Value);
            return parents.ToDictionary(p => p, p => KeysetPaging.Assemble([.. byParent[p]], sort, page, () => totals.Load(p)));
        });

        return pages.Load(parent);
    }

    private static Expression<Func<TEntity, bool>> InList<TEntity>(Expression<Func<TEntity, Guid?>> column, List<Guid?> values) =>
        Expression.Lambda<Func<TEntity, bool>>(
            Expression.Call(Expression.Constant(values), typeof(List<Guid?>).GetMethod(nameof(List<Guid?>.Contains))!, column.Body),
            column.Parameters);
}
