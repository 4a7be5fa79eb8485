using IpShield.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Persistence;

/// <summary>Reading an enterprise's workstation so that a settlement handled at the same moment cannot slip between (ADR 0013).</summary>
internal static class Placements
{
    /// <summary>The enterprise's placement, read in the caller's open transaction with its row (or gap) locked on MariaDB.</summary>
    public static async Task<EnterprisePlacement?> OfAsync(TrainingDbContext db, Guid enterpriseId, CancellationToken cancellationToken)
    {
        var placements = db.Database.IsMySql()
            ? db.EnterprisePlacements.FromSql($"SELECT * FROM trn_enterprise_placements WHERE EnterpriseId = {enterpriseId} FOR UPDATE")
            : db.EnterprisePlacements.Where(p => p.EnterpriseId == enterpriseId);
        return await placements.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }
}
