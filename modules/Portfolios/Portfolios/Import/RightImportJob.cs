using System.Text.Json;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Import;

/// <summary>
/// A bulk import of existing rights (the kernel's job, ADR 0014). The runner has no caller, so the job keeps what the
/// starter could do: each row's enterprise is checked against it with the same rule as <c>recordIpRight</c>.
/// </summary>
internal sealed class RightImportJob : ImportJob
{
    public const int StarterMax = 4000;

    /// <summary>The starter's access (subject, roles, workstations, own enterprise) as JSON.</summary>
    public string Starter { get; set; } = "{}";

    public static string Keep(AccessContext access) => JsonSerializer.Serialize(new StarterAccess(
        access.Kind, access.SubjectId, [.. access.Roles], [.. access.WorkstationIds.Take(100)], access.EnterpriseId));

    public AccessContext StarterAccess()
    {
        var kept = JsonSerializer.Deserialize<StarterAccess>(Starter) ?? throw new InvalidOperationException("An import job without its starter.");
        return new AccessContext
        {
            Kind = kept.Kind,
            SubjectId = kept.SubjectId,
            Roles = kept.Roles.ToHashSet(),
            WorkstationIds = kept.Workstations.ToHashSet(),
            EnterpriseId = kept.EnterpriseId,
        };
    }
}

internal sealed record StarterAccess(CallerKind Kind, string? SubjectId, List<string> Roles, List<Guid> Workstations, Guid? EnterpriseId);
