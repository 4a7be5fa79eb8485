using IpShield.SharedKernel.Access;
using IpShield.Training.Domain;

namespace IpShield.Training;

/// <summary>
/// The module's row rules. Sessions are a public programme: every person sees them (members need them to register).
/// Registrations are the city centre's, the organising workstation's staff's, the staff's of the workstation where the
/// enterprise is settled, and the enterprise's own members'. Machine clients and park managers see none: they read only counts.
/// </summary>
internal static class TrainingAccess
{
    public static IQueryable<TrainingSession> Visible(this IQueryable<TrainingSession> sessions, AccessContext access) =>
        access.IsAdmin || access.IsNetworkPerson ? sessions : sessions.Where(_ => false);

    public static IQueryable<Registration> Visible(this IQueryable<Registration> registrations, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return registrations;
        }

        var (workstations, own) = Scope(access);
        return registrations.Where(r =>
            (r.SessionWorkstationId != null && workstations.Contains(r.SessionWorkstationId.Value))
            || (r.EnterpriseWorkstationId != null && workstations.Contains(r.EnterpriseWorkstationId.Value))
            || (own != null && r.EnterpriseId == own));
    }

    /// <summary>Whether the caller runs this session: the centre for all, staff for their workstations' sessions.</summary>
    public static bool Organises(this AccessContext access, Guid? sessionWorkstationId) =>
        access.IsAdmin || (sessionWorkstationId is { } ws && Scope(access).Workstations.Contains(ws));

    /// <summary>Whether the caller may register this enterprise: its members, staff of where it is settled, the centre.</summary>
    public static bool MayRegister(this AccessContext access, Guid enterpriseId, Guid? enterpriseWorkstationId)
    {
        var (workstations, own) = Scope(access);
        return access.IsAdmin || own == enterpriseId || (enterpriseWorkstationId is { } ws && workstations.Contains(ws));
    }

    public static bool IsMemberOf(this AccessContext access, Guid enterpriseId) => Scope(access).Own == enterpriseId;

    private static (List<Guid> Workstations, Guid? Own) Scope(AccessContext access)
    {
        var person = access.Kind == CallerKind.Person;
        var workstations = person && access.Roles.Contains(PlatformRoles.WorkstationStaff) ? access.WorkstationIds.ToList() : [];
        var own = person && access.Roles.Contains(PlatformRoles.EnterpriseMember) ? access.EnterpriseId : null;
        return (workstations, own);
    }
}
