using IpShield.SharedKernel.Access;
using IpShield.Workstations.Domain;

namespace IpShield.Workstations;

/// <summary>
/// The module's row-level rules, in one place. Parks and workstations are the directory of the city's network: any
/// signed-in person may read them; machine clients read no individual records (dashboards get aggregates of their own
/// park, see <see cref="CanReadStatisticsOf"/>), and neither do park managers, who read their own park's entry and
/// aggregates only (ADR 0025). Staff lists and service records belong to the workstation: its own
/// staff and the city centre (admins) only; an enterprise member also sees the records of their own enterprise.
/// </summary>
internal static class WorkstationAccess
{
    public static bool CanReadDirectory(this AccessContext access) => access.IsAdmin || access.IsNetworkPerson;

    /// <summary>The directory of parks; a dashboard client or a park manager sees the one park they are confined to.</summary>
    public static IQueryable<Park> Visible(this IQueryable<Park> parks, AccessContext access)
    {
        if (access.CanReadDirectory())
        {
            return parks;
        }

        var own = access.Kind == CallerKind.Client || access.IsParkManager ? access.ParkId : null;
        return parks.Where(p => own != null && p.Id == own);
    }

    public static IQueryable<Workstation> Visible(this IQueryable<Workstation> workstations, AccessContext access) =>
        access.CanReadDirectory() ? workstations : workstations.Where(_ => false);

    public static IQueryable<ServiceRecord> Visible(this IQueryable<ServiceRecord> records, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return records;
        }

        if (access.Kind != CallerKind.Person)
        {
            return records.Where(_ => false);
        }

        var own = access.WorkstationIds;
        var enterprise = access.EnterpriseId;
        return records.Where(r => own.Contains(r.WorkstationId) || (enterprise != null && r.EnterpriseId == enterprise));
    }

    public static IQueryable<StaffAssignment> Visible(this IQueryable<StaffAssignment> staff, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return staff;
        }

        if (access.Kind != CallerKind.Person)
        {
            return staff.Where(_ => false);
        }

        var own = access.WorkstationIds;
        return staff.Where(s => own.Contains(s.WorkstationId));
    }

    /// <summary>A workstation's own figures and rosters: its staff and the centre.</summary>
    public static bool CanReadInsideOf(this AccessContext access, Guid workstationId) =>
        access.IsAdmin || (access.Kind == CallerKind.Person && access.WorkstationIds.Contains(workstationId));

    /// <summary>
    /// Aggregates of a park: the centre, or a dashboard client or park manager bound to that very park (a park manager
    /// without a park reads none: fail closed).
    /// </summary>
    public static bool CanReadStatisticsOf(this AccessContext access, Guid parkId) =>
        access.IsAdmin
        || (access.Kind == CallerKind.Client && access.Scopes.Contains(PlatformScopes.StatsRead) && access.ParkId == parkId)
        || (access.IsParkManager && access.ParkId == parkId);

    /// <summary>Recording services: the workstation's own staff, or the centre.</summary>
    public static bool CanServeFor(this AccessContext access, Guid workstationId) =>
        access.IsAdmin || (access.Roles.Contains(PlatformRoles.WorkstationStaff) && access.WorkstationIds.Contains(workstationId));
}
