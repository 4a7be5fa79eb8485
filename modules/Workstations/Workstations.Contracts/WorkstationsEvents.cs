using IpShield.SharedKernel.Messaging;

namespace IpShield.Workstations.Contracts;

/// <summary>A workstation opened in a park.</summary>
[IntegrationEventName("workstations.workstation-opened.v1")]
public sealed record WorkstationOpened(Guid WorkstationId, Guid ParkId, string Name, DateOnly OpenedOn) : IntegrationEvent;

/// <summary>A workstation gave an enterprise a consultation or a guidance visit.</summary>
[IntegrationEventName("workstations.service-recorded.v1")]
public sealed record ServiceRecorded(Guid ServiceRecordId, Guid WorkstationId, Guid? EnterpriseId, string Kind, DateOnly OccurredOn) : IntegrationEvent;
