using IpShield.Disputes.Domain;
using IpShield.SharedKernel.Access;

namespace IpShield.Disputes;

/// <summary>
/// The module's row rules. A case is seen by the city centre, its workstation's staff (the workstation where the enterprise
/// is settled, kept from the Enterprises module's settlements, ADR 0013), the enterprise's members and the experts assigned
/// to it. Experts see no other case; machine clients (dashboards) see no case, only the counts of the statistics section.
/// Notifications follow the enterprise like cases; warnings and the expert registry are seen by people (not park managers, who read counts only); campaigns by the
/// centre and staff (their cases still by the case rule).
/// </summary>
internal static class DisputesAccess
{
    public const string ExpertRole = PlatformRoles.Expert;

    public static IQueryable<DisputeCase> Visible(this IQueryable<DisputeCase> cases, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return cases;
        }

        var (workstations, own, subject) = Scope(access);
        return cases.Where(c => (c.WorkstationId != null && workstations.Contains(c.WorkstationId.Value))
            || (own != null && c.EnterpriseId == own)
            || (subject != null && c.ExpertSubjects.Contains(subject)));
    }

    public static IQueryable<WarningNotification> Visible(this IQueryable<WarningNotification> notifications, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return notifications;
        }

        var (workstations, own, _) = Scope(access);
        return notifications.Where(n => (n.WorkstationId != null && workstations.Contains(n.WorkstationId.Value)) || (own != null && n.EnterpriseId == own));
    }

    public static IQueryable<RiskWarning> Visible(this IQueryable<RiskWarning> warnings, AccessContext access) =>
        access.IsAdmin || access.IsNetworkPerson ? warnings : warnings.Where(_ => false);

    public static IQueryable<Campaign> Visible(this IQueryable<Campaign> campaigns, AccessContext access) =>
        access.IsAdmin || IsStaff(access) ? campaigns : campaigns.Where(_ => false);

    public static IQueryable<Expert> Visible(this IQueryable<Expert> experts, AccessContext access)
    {
        if (access.IsAdmin || IsStaff(access))
        {
            return experts;
        }

        var subject = access.Kind == CallerKind.Person && access.Roles.Contains(ExpertRole) ? access.SubjectId : null;
        return experts.Where(e => subject != null && e.SubjectId == subject);
    }

    /// <summary>Whether the caller may act for an enterprise settled in <paramref name="workstationId"/> (null: not settled): open a case, say.</summary>
    public static bool CanActFor(this AccessContext access, Guid enterpriseId, Guid? workstationId)
    {
        if (access.IsAdmin)
        {
            return true;
        }

        var (workstations, own, _) = Scope(access);
        return (workstationId is { } ws && workstations.Contains(ws)) || own == enterpriseId;
    }

    public static bool IsStaff(this AccessContext access) => access.Kind == CallerKind.Person && access.Roles.Contains(PlatformRoles.WorkstationStaff);

    private static (List<Guid> Workstations, Guid? Own, string? ExpertToken) Scope(AccessContext access)
    {
        var person = access.Kind == CallerKind.Person;
        var workstations = person && access.Roles.Contains(PlatformRoles.WorkstationStaff) ? access.WorkstationIds.ToList() : [];
        var own = person && access.Roles.Contains(PlatformRoles.EnterpriseMember) ? access.EnterpriseId : null;
        var expert = person && access.Roles.Contains(ExpertRole) && access.SubjectId is { } subject ? DisputeCase.SubjectToken(subject) : null;
        return (workstations, own, expert);
    }
}
