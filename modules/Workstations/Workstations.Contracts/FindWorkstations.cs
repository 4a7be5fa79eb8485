namespace IpShield.Workstations.Contracts;

/// <summary>
/// Request/response through Wolverine (<c>IMessageBus.InvokeAsync&lt;WorkstationsFound&gt;</c>): the directory facts of
/// these workstations, for modules that show where their records are settled. Ask for a whole page at once.
/// </summary>
public sealed record FindWorkstations(IReadOnlyCollection<Guid> WorkstationIds);

public sealed record WorkstationSummary(Guid Id, string Name, Guid ParkId, string ParkName, bool IsOpen);

/// <summary>The workstations found; unknown ids are absent.</summary>
public sealed record WorkstationsFound(IReadOnlyDictionary<Guid, WorkstationSummary> Workstations);
