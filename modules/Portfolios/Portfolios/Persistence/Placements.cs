using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Persistence;

/// <summary>Reading an enterprise's workstation so that a settlement handled at the same moment cannot slip between (ADR 0013).</summary>
internal static class Placements
{
    /// <summary>
    /// The workstation the enterprise is settled in, read inside the caller's open transaction with the placement row (or, on
    /// MariaDB, the gap where it would go) locked: a concurrent <c>EnterpriseSettled</c> waits for this transaction, then
    /// updates the copies this transaction wrote. SQLite's write transaction already holds the database's write lock.
    /// </summary>
    public static async Task<Guid?> WorkstationOfAsync(PortfoliosDbContext db, Guid enterpriseId, CancellationToken cancellationToken)
    {
        var placements = db.Database.IsMySql()
            ? db.EnterprisePlacements.FromSql($"SELECT * FROM pf_enterprise_placements WHERE EnterpriseId = {enterpriseId} FOR UPDATE")
            : db.EnterprisePlacements.Where(p => p.EnterpriseId == enterpriseId);
        return await placements.AsNoTracking().Select(p => (Guid?)p.WorkstationId).SingleOrDefaultAsync(cancellationToken);
    }
}
