using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Persistence;

/// <summary>
/// Keeps <see cref="PlatformCertification.ParkId"/> equal to its enterprise's park, so that the park statistics count a
/// park's certifications from the table's own indexes instead of probing it once per enterprise of the park (ADR 0031,
/// amended). A new certification is stamped before the save with its enterprise's park; an enterprise whose park
/// changes takes its certifications along in the same transaction (a change of park is a change the park sales summary
/// concerns, so the save has one and has locked the enterprise). Recording a certification also raises the
/// enterprise's version, so it cannot interleave with a move of the same enterprise.
/// </summary>
internal static class CertificationParks
{
    /// <summary>Stamps new certifications; returns the enterprises whose park this save changes.</summary>
    public static async Task<IReadOnlyList<(Guid Enterprise, Guid? Park)>> StampAsync(EnterprisesDbContext db, CancellationToken cancellationToken)
    {
        var tracked = new Dictionary<Guid, Guid?>();
        var moved = new List<(Guid, Guid?)>();
        var added = new List<PlatformCertification>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Enterprise enterprise:
                    tracked[enterprise.Id] = enterprise.ParkId;
                    if (entry.State == EntityState.Modified && entry.OriginalValues.GetValue<Guid?>(nameof(Enterprise.ParkId)) != enterprise.ParkId)
                    {
                        moved.Add((enterprise.Id, enterprise.ParkId));
                    }

                    break;
                case PlatformCertification certification when entry.State == EntityState.Added:
                    added.Add(certification);
                    break;
            }
        }

        foreach (var certification in added)
        {
            certification.ParkId = tracked.TryGetValue(certification.EnterpriseId, out var park)
                ? park
                : await db.Enterprises.AsNoTracking().Where(e => e.Id == certification.EnterpriseId).Select(e => e.ParkId).SingleOrDefaultAsync(cancellationToken);
        }

        return moved;
    }

    /// <summary>Moves the certifications of enterprises that changed park, inside the save's transaction.</summary>
    public static async Task MoveAsync(EnterprisesDbContext db, IReadOnlyList<(Guid Enterprise, Guid? Park)> moved, CancellationToken cancellationToken)
    {
        foreach (var (enterprise, park) in moved)
        {
            // To the park the enterprise moves to; the one it leaves is named by the enterprise's own row (ADR 0041).
            using var parkWrites = DataVersions.WritesOf(park);
            await db.Certifications.Where(c => c.EnterpriseId == enterprise && c.ParkId != park)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ParkId, park), cancellationToken);
        }
    }
}
