using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Persistence;

/// <summary>Reading an enterprise's workstation so that a settlement handled at the same moment cannot slip between (ADR 0013).</summary>
internal static class Profiles
{
    /// <summary>
    /// The workstation and park the enterprise is settled in, read inside the caller's open transaction with the profile row
    /// (or, on MariaDB, the gap where it would go) locked, as Portfolios does for rights.
    /// </summary>
    public static async Task<(Guid? Workstation, Guid? Park)> PlacementOfAsync(DisputesDbContext db, Guid enterpriseId, CancellationToken cancellationToken)
    {
        var profiles = db.Database.IsMySql()
            ? db.Profiles.FromSql($"SELECT * FROM dsp_enterprise_profiles WHERE EnterpriseId = {enterpriseId} FOR UPDATE")
            : db.Profiles.Where(p => p.EnterpriseId == enterpriseId);
        var found = await profiles.AsNoTracking().Select(p => new { p.WorkstationId, p.ParkId }).SingleOrDefaultAsync(cancellationToken);
        return (found?.WorkstationId, found?.ParkId);
    }
}
