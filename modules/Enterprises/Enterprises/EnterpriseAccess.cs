using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Access;

namespace IpShield.Enterprises;

/// <summary>
/// The module's row-level rules, in one place. The city centre (admins) sees and changes everything; workstation
/// staff and importer clients the enterprises settled in their workstations; an enterprise's members their own
/// enterprise. Park dashboards read aggregates only, never individual records (the type's policy refuses them,
/// and no rule here lets them see a row). Contacts are personal data:
/// staff of the enterprise's workstation, admins and the enterprise's own members only.
/// </summary>
internal static class EnterpriseAccess
{
    /// <summary>Who may read enterprise records at all: people, and clients holding enterprises:read (importers).</summary>
    public static readonly string ReadPolicy = AccessPolicies.PeopleOrScope(PlatformScopes.EnterprisesRead);

    /// <summary>Who may write enterprise records at all: people, and clients holding enterprises:import.</summary>
    public static readonly string WritePolicy = AccessPolicies.PeopleOrScope(PlatformScopes.EnterprisesImport);

    public static IQueryable<Enterprise> Visible(this IQueryable<Enterprise> enterprises, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return enterprises;
        }

        var workstations = access.Roles.Contains(PlatformRoles.WorkstationStaff) || access.IsImporter()
            ? access.WorkstationIds.ToList()
            : [];
        var own = access.Roles.Contains(PlatformRoles.EnterpriseMember) ? access.EnterpriseId : null;
        return enterprises.Where(e =>
            (e.WorkstationId != null && workstations.Contains(e.WorkstationId.Value))
            || (own != null && e.Id == own));
    }

    public static bool CanSee(this AccessContext access, Enterprise enterprise) =>
        access.IsAdmin
        || (enterprise.WorkstationId is { } ws && (access.Roles.Contains(PlatformRoles.WorkstationStaff) || access.IsImporter()) && access.WorkstationIds.Contains(ws))
        || (access.Roles.Contains(PlatformRoles.EnterpriseMember) && access.EnterpriseId == enterprise.Id);

    public static bool CanSeeContactsOf(this AccessContext access, Enterprise enterprise) =>
        access.IsAdmin
        || (access.Roles.Contains(PlatformRoles.WorkstationStaff) && enterprise.WorkstationId is { } ws && access.WorkstationIds.Contains(ws))
        || (access.Roles.Contains(PlatformRoles.EnterpriseMember) && access.EnterpriseId == enterprise.Id);

    /// <summary>Registering new enterprises: the centre, workstation staff and importer clients.</summary>
    public static bool CanRegister(this AccessContext access) =>
        access.IsAdmin || access.Roles.Contains(PlatformRoles.WorkstationStaff) || IsImporter(access);

    /// <summary>Changing an enterprise: the centre, or staff and importer clients of the workstation it is settled in.</summary>
    public static bool CanChange(this AccessContext access, Guid? workstationId) =>
        access.IsAdmin
        || ((access.Roles.Contains(PlatformRoles.WorkstationStaff) || IsImporter(access))
            && workstationId is { } ws && access.WorkstationIds.Contains(ws));

    /// <summary>Settling into (or moving to) a workstation: staff and importers only into their own workstations.</summary>
    public static bool CanSettleInto(this AccessContext access, Guid workstationId) =>
        access.IsAdmin || (access.Roles.Contains(PlatformRoles.WorkstationStaff) && access.WorkstationIds.Contains(workstationId));

    /// <summary>A machine client writing its workstation's enterprise records (bulk import scripts).</summary>
    public static bool IsImporter(this AccessContext access) =>
        access.Kind == CallerKind.Client && access.WorkstationIds.Count > 0 && access.Scopes.Contains(PlatformScopes.EnterprisesImport);

    /// <summary>The workstation an importer's new records are confined to; null for the centre.</summary>
    public static Guid? ImportScope(this AccessContext access) =>
        access.IsAdmin ? null : access.WorkstationIds.Count > 0 ? access.WorkstationIds.First() : null;

    /// <summary>Who owns an import job: the job belongs to the caller's subject (or the anonymous centre).</summary>
    public static string ClientKey(this AccessContext access) => access.SubjectId ?? "anonymous";
}
