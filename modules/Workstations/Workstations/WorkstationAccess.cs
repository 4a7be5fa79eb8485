using IpShield.SharedKernel.Access;
using IpShield.Workstations.Domain;

namespace IpShield.Workstations;

/// <summary>
/// The module's row-level rules, in one place. Parks and workstations are the public directory of the city's
/// network: any signed-in caller may read them. Staff lists and service records belong to the workstation:
/// its own staff and the city centre (admins) only.
/// </summary>
internal static class WorkstationAccess
{
    public static bool CanReadDirectory(this AccessContext access) => access.Unrestricted || access.Kind != CallerKind.Anonymous;

    public static IQueryable<Park> Visible(this IQueryable<Park> parks, AccessContext access) =>
        access.CanReadDirectory() ? parks : parks.Where(_ => false);

    public static IQueryable<Workstation> Visible(this IQueryable<Workstation> workstations, AccessContext access) =>
        access.CanReadDirectory() ? workstations : workstations.Where(_ => false);

    public static IQueryable<ServiceRecord> Visible(this IQueryable<ServiceRecord> records, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return records;
        }

        var own = access.WorkstationIds;
        return records.Where(r => own.Contains(r.WorkstationId));
    }

    public static IQueryable<StaffAssignment> Visible(this IQueryable<StaffAssignment> staff, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return staff;
        }

        var own = access.WorkstationIds;
        return staff.Where(s => own.Contains(s.WorkstationId));
    }

    /// <summary>Opening, changing and closing workstations and parks is the city centre's work.</summary>
    public static bool CanManageNetwork(this AccessContext access) => access.IsAdmin;

    /// <summary>Recording services: the workstation's own staff, or the centre.</summary>
    public static bool CanServeFor(this AccessContext access, Guid workstationId) =>
        access.IsAdmin || (access.Roles.Contains(PlatformRoles.WorkstationStaff) && access.WorkstationIds.Contains(workstationId));
}
