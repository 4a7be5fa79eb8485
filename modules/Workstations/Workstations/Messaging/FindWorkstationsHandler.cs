using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Workstations.Messaging;

/// <summary>Answers <see cref="FindWorkstations"/> for other modules in one query. Public only because Wolverine needs it.</summary>
public static class FindWorkstationsHandler
{
    public static async Task<WorkstationsFound> Handle(FindWorkstations query, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkstationsDbContext>();
        var ids = query.WorkstationIds;
        var found = await (
                from workstation in db.Workstations.AsNoTracking()
                join park in db.Parks.AsNoTracking() on workstation.ParkId equals park.Id
                where ids.Contains(workstation.Id)
                select new WorkstationSummary(workstation.Id, workstation.Name, park.Id, park.Name, workstation.Status == WorkstationStatus.Open, park.TimeZone))
            .ToDictionaryAsync(w => w.Id, cancellationToken);
        return new WorkstationsFound(found);
    }
}
