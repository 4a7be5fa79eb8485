using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Contracts;

namespace IpShield.Portfolios.Features.DeadlineAlerts;

/// <summary>A deadline came near (90, 30, 7, 1 days before) or was missed: what <c>deadlinesApproaching</c> streams.</summary>
internal sealed record DeadlineAlert(DeadlineAlertKind Kind, int? DaysLeft, DateTimeOffset OccurredAt, RightDeadline Deadline);

internal enum DeadlineAlertKind
{
    Approaching,
    Missed,
}

internal sealed class DeadlineAlertKindType : EnumerationGraphType<DeadlineAlertKind>
{
    public DeadlineAlertKindType()
    {
        Name = "DeadlineAlertKind";
    }
}

internal sealed class DeadlineAlertType : ObjectGraphType<DeadlineAlert>
{
    public DeadlineAlertType()
    {
        Name = "DeadlineAlert";
        Description = "A deadline came near or was missed, as the daily job found it.";
        Field<NonNullGraphType<DeadlineAlertKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<IntGraphType>("daysLeft").Description("90, 30, 7 or 1 for APPROACHING; null for MISSED.").Resolve(c => c.Source.DaysLeft);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
        Field("deadline", new NonNullGraphType(new GraphQLTypeReference(PortfoliosGlobalIds.Deadline))).Description("The deadline as it is now.").Resolve(c => c.Source.Deadline);
    }
}

/// <summary>
/// <c>deadlinesApproaching</c>: reminders and misses of the deadlines the caller may read (ADR 0022), optionally of one
/// workstation or one enterprise. Each is checked against the deadline's row rule, as <c>node(id:)</c> would.
/// </summary>
internal sealed class DeadlineAlertsSubscription : ISubscriptionFieldContribution
{
    private static readonly string[] Streamed = [EventTypes.NameOf(typeof(DeadlineApproaching)), EventTypes.NameOf(typeof(DeadlineMissed))];

    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<DeadlineAlertType>>("deadlinesApproaching")
            .Description("Deadlines coming near and missed, from now on (reconnect with Last-Event-ID for what you missed). Without arguments: every deadline you may read.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Argument<IdGraphType>("workstationId", a => a.Description = "Only the deadlines of enterprises settled in this workstation.")
            .Argument<IdGraphType>("enterpriseId", a => a.Description = "Only this enterprise's deadlines.")
            .ResolveStreamAsync(async context =>
            {
                var workstation = LiveStreams.OptionalId(context, "workstationId", WorkstationsGlobalIds.Workstation);
                var enterprise = LiveStreams.OptionalId(context, "enterpriseId", EnterprisesGlobalIds.Enterprise);
                var subscription = new LiveSubscription(Streamed, Subject: null)
                {
                    // Deadline rows are told apart by workstation and enterprise, never by who is asking.
                    SharedByRowScope = true,
                    Wanted = e => e switch
                    {
                        DeadlineApproaching a => (workstation is null || a.WorkstationId == workstation) && (enterprise is null || a.EnterpriseId == enterprise),
                        DeadlineMissed m => (workstation is null || m.WorkstationId == workstation) && (enterprise is null || m.EnterpriseId == enterprise),
                        _ => false,
                    },
                    VisibleThrough = e => new LiveNodeRef(PortfoliosGlobalIds.Deadline, e is DeadlineApproaching a ? a.DeadlineId : ((DeadlineMissed)e).DeadlineId),
                    Payload = (e, deadline) => e is DeadlineApproaching a
                        ? new DeadlineAlert(DeadlineAlertKind.Approaching, a.DaysLeft, a.OccurredAt, (RightDeadline)deadline)
                        : new DeadlineAlert(DeadlineAlertKind.Missed, null, e.OccurredAt, (RightDeadline)deadline),
                };
                return await LiveStreams.OpenAsync(context, subscription);
            });
}
