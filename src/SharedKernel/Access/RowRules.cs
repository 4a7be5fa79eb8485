using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Access;

/// <summary>
/// Which rows of an entity a caller may see. Each module registers one rule per entity it exposes
/// (<see cref="RowRules.AddRowRule{TEntity}"/>); every generic read of the kernel (node loads, lists, fields other
/// modules add) goes through it, and an entity without a rule cannot be read that way at all.
/// </summary>
public delegate IQueryable<TEntity> RowRule<TEntity>(IQueryable<TEntity> rows, AccessContext access);

public static class RowRules
{
    public static IServiceCollection AddRowRule<TEntity>(this IServiceCollection services, RowRule<TEntity> rule)
        where TEntity : class =>
        services.AddSingleton(rule);

    /// <summary>The rows of <typeparamref name="TEntity"/> the caller may see, untracked. Fails closed without a registered rule.</summary>
    public static IQueryable<TEntity> Rows<TEntity>(this DbContext db, AccessContext access, IServiceProvider services)
        where TEntity : class
    {
        var rule = services.GetService<RowRule<TEntity>>()
            ?? throw new InvalidOperationException($"No row rule is registered for {typeof(TEntity).Name}; it cannot be read.");
        return rule(db.Set<TEntity>().AsNoTracking(), access);
    }
}
