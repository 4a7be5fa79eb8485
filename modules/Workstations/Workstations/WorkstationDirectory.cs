using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations;

/// <summary>The Workstations module's answer to <see cref="IWorkstationDirectory"/>, for other modules.</summary>
internal sealed class WorkstationDirectory(WorkstationsDbContext db) : IWorkstationDirectory
{
    public async Task<IReadOnlyDictionary<Guid, Guid>> ParksOfOpenWorkstationsAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken) =>
        await db.Workstations.AsNoTracking()
            .Where(w => workstationIds.Contains(w.Id) && w.Status == WorkstationStatus.Open)
            .ToDictionaryAsync(w => w.Id, w => w.ParkId, cancellationToken);
}
