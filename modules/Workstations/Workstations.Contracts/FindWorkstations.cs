namespace IpShield.Workstations.Contracts;

/// <summary>
/// Request/response through Wolverine (<c>IMessageBus.InvokeAsync&lt;WorkstationsFound&gt;</c>): the directory facts of
/// these workstations, for modules that show where their records are settled. Ask for a whole page at once.
/// </summary>
public sealed record FindWorkstations(IReadOnlyCollection<Guid> WorkstationIds);

/// <summary>A workstation as other modules see it; <see cref="ParkTimeZone"/> is the IANA zone of its park's calendar.</summary>
public sealed record WorkstationSummary(Guid Id, string Name, Guid ParkId, string ParkName, bool IsOpen, string ParkTimeZone);

/// <summary>The workstations found; unknown ids are absent.</summary>
public sealed record WorkstationsFound(IReadOnlyDictionary<Guid, WorkstationSummary> Workstations);
