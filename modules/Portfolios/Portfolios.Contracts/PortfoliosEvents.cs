using IpShield.SharedKernel.Messaging;

namespace IpShield.Portfolios.Contracts;

/// <summary>
/// A right was registered (a mark) or granted (a patent or design): recorded with its registration date or by a later
/// REGISTERED or GRANTED event. Kind and status names are the GraphQL enum values (TRADEMARK, INVENTION_PATENT…).
/// </summary>
[IntegrationEventName("portfolios.ip-right-registered.v1")]
public sealed record IpRightRegistered(
    Guid RightId, Guid EnterpriseId, Guid? WorkstationId, string Kind, string Jurisdiction, string NameZh, string? RegistrationNumber, DateOnly RegisteredOn)
    : IntegrationEvent;

/// <summary>
/// An open deadline comes due in <see cref="DaysLeft"/> days: raised once at each of 90, 30, 7 and 1 days before by the
/// daily job (only the nearest one still to come when the job did not run on the earlier days).
/// </summary>
[IntegrationEventName("portfolios.deadline-approaching.v1")]
public sealed record DeadlineApproaching(
    Guid DeadlineId, Guid RightId, Guid EnterpriseId, Guid? WorkstationId, string Task, DateOnly DueOn, DateOnly? GraceEndsOn, int DaysLeft)
    : IntegrationEvent;

/// <summary>An open deadline passed its last day (the end of its grace period, else its due date) with nothing done: the right is at risk or lost.</summary>
[IntegrationEventName("portfolios.deadline-missed.v1")]
public sealed record DeadlineMissed(Guid DeadlineId, Guid RightId, Guid EnterpriseId, Guid? WorkstationId, string Task, DateOnly DueOn, DateOnly LastDay)
    : IntegrationEvent;
