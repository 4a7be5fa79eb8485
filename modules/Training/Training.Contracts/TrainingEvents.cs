using IpShield.SharedKernel.Messaging;

namespace IpShield.Training.Contracts;

/// <summary>A session ended and its attendance was closed: who did not check in became a no-show.</summary>
[IntegrationEventName("training.session-held.v1")]
public sealed record SessionHeld(Guid SessionId, Guid? WorkstationId, string Kind, DateTimeOffset EndedAt, int Attended, int NoShows) : IntegrationEvent;

/// <summary>A registration was counted as attended: a scan at the door, an offline scan uploaded later, or a join record.</summary>
[IntegrationEventName("training.attendance-recorded.v1")]
public sealed record AttendanceRecorded(Guid RegistrationId, Guid SessionId, Guid EnterpriseId, DateTimeOffset AttendedAt, string Source) : IntegrationEvent;

/// <summary>A session was cancelled; its registrants (enterprises) are told through this event.</summary>
[IntegrationEventName("training.session-cancelled.v1")]
public sealed record SessionCancelled(Guid SessionId, Guid? WorkstationId, string Title, DateTimeOffset StartsAt, IReadOnlyList<Guid> RegistrantEnterpriseIds, string? Reason) : IntegrationEvent;
