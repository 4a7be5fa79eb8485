using Wolverine;

namespace IpShield.Workstations.Contracts;

/// <summary>What other modules may ask the Workstations module about its network (batched: one call per page).</summary>
public interface IWorkstationDirectory
{
    /// <summary>The park of each given workstation that exists and is open; unknown or closed ones are left out.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> ParksOfOpenWorkstationsAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken);

    /// <summary>The IANA time zone of each given workstation's park (open or closed); unknown workstations are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> ParkTimeZonesAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken);
}

/// <summary>The directory as other modules reach it: a request/response message through Wolverine, never the module's tables.</summary>
public sealed class WorkstationDirectory(IMessageBus bus) : IWorkstationDirectory
{
    public async Task<IReadOnlyDictionary<Guid, Guid>> ParksOfOpenWorkstationsAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken) =>
        workstationIds.Count == 0
            ? new Dictionary<Guid, Guid>()
            : (await bus.InvokeAsync<WorkstationsFound>(new FindWorkstations([.. workstationIds.Distinct()]), cancellationToken)).Workstations.Values
                .Where(w => w.IsOpen)
                .ToDictionary(w => w.Id, w => w.ParkId);

    public async Task<IReadOnlyDictionary<Guid, string>> ParkTimeZonesAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken cancellationToken) =>
        workstationIds.Count == 0
            ? new Dictionary<Guid, string>()
            : (await bus.InvokeAsync<WorkstationsFound>(new FindWorkstations([.. workstationIds.Distinct()]), cancellationToken)).Workstations.Values
                .ToDictionary(w => w.Id, w => w.ParkTimeZone);
}
