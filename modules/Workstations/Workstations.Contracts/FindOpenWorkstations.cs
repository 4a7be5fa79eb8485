namespace IpShield.Workstations.Contracts;

/// <summary>
/// Request/response through Wolverine (<c>IMessageBus.InvokeAsync&lt;OpenWorkstationsFound&gt;</c>): which of these
/// workstations exist and are open, and in which park. Ask for a whole page at once.
/// </summary>
public sealed record FindOpenWorkstations(IReadOnlyCollection<Guid> WorkstationIds);

/// <summary>The park of each open workstation asked about; unknown or closed ones are absent.</summary>
public sealed record OpenWorkstationsFound(IReadOnlyDictionary<Guid, Guid> ParkOfWorkstation);
