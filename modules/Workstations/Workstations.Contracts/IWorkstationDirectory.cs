namespace IpShield.Workstations.Contracts;

/// <summary>What other modules may ask the Workstations module about its network (batched: one call per page).</summary>
public interface IWorkstationDirectory
{
    /// <summary>The park of each given workstation that exists and is open; unknown or closed ones are left out.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> ParksOfOpenWorkstationsAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken);
}
