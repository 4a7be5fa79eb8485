using IpShield.SharedKernel.Messaging;

namespace IpShield.Disputes.Contracts;

/// <summary>A dispute case was opened for an enterprise; <paramref name="Flow"/> is the stage flow it follows (docs/dispute-flows.md).</summary>
[IntegrationEventName("disputes.case-opened.v1")]
public sealed record CaseOpened(Guid CaseId, Guid EnterpriseId, string Kind, string Platform, string Market, string Flow, string Stage, Guid? CampaignId) : IntegrationEvent;

/// <summary>A case moved from one stage of its flow to another; <paramref name="StageDueOn"/> is the new stage's deadline, if it has one.</summary>
[IntegrationEventName("disputes.case-stage-changed.v1")]
public sealed record CaseStageChanged(Guid CaseId, Guid EnterpriseId, string FromStage, string ToStage, DateOnly ChangedOn, DateOnly? StageDueOn) : IntegrationEvent;

/// <summary>A case was closed with an outcome.</summary>
[IntegrationEventName("disputes.case-closed.v1")]
public sealed record CaseClosed(Guid CaseId, Guid EnterpriseId, string Outcome, DateOnly ClosedOn) : IntegrationEvent;

/// <summary>A risk warning was issued; <paramref name="Reach"/> is how many enterprises it reached when issued.</summary>
[IntegrationEventName("disputes.risk-warning-issued.v1")]
public sealed record RiskWarningIssued(Guid WarningId, string Number, string RiskType, string Severity, Guid? IssuingWorkstationId, DateOnly ValidUntil, int Reach) : IntegrationEvent;

/// <summary>The deadline of a case's current stage is near (or has passed, when <paramref name="DaysLeft"/> is negative).</summary>
[IntegrationEventName("disputes.stage-deadline-approaching.v1")]
public sealed record StageDeadlineApproaching(Guid CaseId, Guid EnterpriseId, string Stage, DateOnly DueOn, int DaysLeft) : IntegrationEvent;
