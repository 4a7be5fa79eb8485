using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>A node stored as an entity of a module's DbContext: loaded by id through the entity's registered row rule.</summary>
public abstract class EntityNodeType<TEntity, TDbContext>(string name) : NodeObjectType<TEntity>(name, e => e.Id)
    where TEntity : class, IEntity
    where TDbContext : DbContext
{
    protected override async Task<IReadOnlyDictionary<Guid, TEntity>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context) =>
        await context.Services.GetRequiredService<TDbContext>()
            .Rows<TEntity>(context.Access, context.Services)
            .Where(e => keys.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, context.CancellationToken);
}
