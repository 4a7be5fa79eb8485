using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Messaging;

/// <summary>Answers <see cref="FindOpenWorkstations"/> for other modules. Public only because Wolverine needs it.</summary>
public static class FindOpenWorkstationsHandler
{
    public static async Task<OpenWorkstationsFound> Handle(FindOpenWorkstations query, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkstationsDbContext>();
        var ids = query.WorkstationIds;
        var parks = await db.Workstations.AsNoTracking()
            .Where(w => ids.Contains(w.Id) && w.Status == WorkstationStatus.Open)
            .ToDictionaryAsync(w => w.Id, w => w.ParkId, cancellationToken);
        return new OpenWorkstationsFound(parks);
    }
}
