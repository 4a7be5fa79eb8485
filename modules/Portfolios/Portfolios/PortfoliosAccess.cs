using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Access;

namespace IpShield.Portfolios;

/// <summary>
/// The module's row-level rules, the same as for enterprise records: the city centre (admins) sees everything;
/// workstation staff the rights and deadlines of enterprises settled in their workstations; an enterprise's members
/// their own enterprise's. The workstation is the copy kept from the Enterprises module's settlements (ADR 0013).
/// Machine clients see none.
/// </summary>
internal static class PortfoliosAccess
{
    public static IQueryable<IpRight> Visible(this IQueryable<IpRight> rights, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return rights;
        }

        var (workstations, own) = Scope(access);
        return rights.Where(r => (r.WorkstationId != null && workstations.Contains(r.WorkstationId.Value)) || (own != null && r.EnterpriseId == own));
    }

    public static IQueryable<RightDeadline> Visible(this IQueryable<RightDeadline> deadlines, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return deadlines;
        }

        var (workstations, own) = Scope(access);
        return deadlines.Where(d => (d.WorkstationId != null && workstations.Contains(d.WorkstationId.Value)) || (own != null && d.EnterpriseId == own));
    }

    /// <summary>Whether the caller may record rights for an enterprise settled in <paramref name="workstationId"/> (null: not settled).</summary>
    public static bool CanActFor(this AccessContext access, Guid enterpriseId, Guid? workstationId)
    {
        if (access.IsAdmin)
        {
            return true;
        }

        var (workstations, own) = Scope(access);
        return (workstationId is { } ws && workstations.Contains(ws)) || own == enterpriseId;
    }

    private static (List<Guid> Workstations, Guid? Own) Scope(AccessContext access)
    {
        var person = access.Kind == CallerKind.Person;
        var workstations = person && access.Roles.Contains(PlatformRoles.WorkstationStaff) ? access.WorkstationIds.ToList() : [];
        var own = person && access.Roles.Contains(PlatformRoles.EnterpriseMember) ? access.EnterpriseId : null;
        return (workstations, own);
    }
}
