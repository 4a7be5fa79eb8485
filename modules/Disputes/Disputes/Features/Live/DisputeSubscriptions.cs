using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.Live;

/// <summary>
/// <c>riskWarningReceived</c>: a risk warning delivered to an enterprise, as its members (and its workstation's staff)
/// get it. The warning reaches many enterprises in one event, so each subscriber's own notification is looked up under
/// the notification row rule: what the caller may not read is never sent.
/// </summary>
internal sealed class RiskWarningReceivedSubscription : ISubscriptionFieldContribution
{
    private static readonly string[] Streamed = [EventTypes.NameOf(typeof(RiskWarningIssued))];

    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field("riskWarningReceived", new NonNullGraphType(new GraphQLTypeReference(DisputesGlobalIds.Notification)))
            .Description("Risk warnings delivered to an enterprise from now on (reconnect with Last-Event-ID for what you missed): for a member, their own enterprise by default.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Argument<IdGraphType>("enterpriseId", a => a.Description = "The enterprise; required for anyone but its members.")
            .ResolveStreamAsync(async context =>
            {
                var enterprise = LiveStreams.OptionalId(context, "enterpriseId", EnterprisesGlobalIds.Enterprise)
                    ?? context.Access().EnterpriseId
                    ?? throw new UserInputError(ErrorCodes.Invalid, "enterpriseId is required for anyone but the enterprise's members.");
                var live = new LiveSubscription(Streamed, Subject: null)
                {
                    LoadVisible = async (e, load) => await load.Services.GetRequiredService<DisputesDbContext>()
                        .Rows<WarningNotification>(load.Access, load.Services).AsNoTracking()
                        .SingleOrDefaultAsync(n => n.WarningId == ((RiskWarningIssued)e).WarningId && n.EnterpriseId == enterprise, load.CancellationToken),
                    Payload = (_, notification) => notification,
                };
                return await LiveStreams.OpenAsync(context, live);
            });
}

/// <summary>A case moved to another stage: what <c>caseStageChanged</c> streams.</summary>
internal sealed record CaseStageChange(CaseStageChanged Event, DisputeCase Case);

internal sealed class CaseStageChangeType : ObjectGraphType<CaseStageChange>
{
    public CaseStageChangeType()
    {
        Name = "DisputeCaseStageChange";
        Description = "A dispute case moved from one stage of its flow to another.";
        Field<NonNullGraphType<StringGraphType>>("fromStage").Resolve(c => c.Source.Event.FromStage);
        Field<NonNullGraphType<StringGraphType>>("toStage").Resolve(c => c.Source.Event.ToStage);
        Field<NonNullGraphType<DateOnlyGraphType>>("changedOn").Resolve(c => c.Source.Event.ChangedOn);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Description("When the move was recorded.").Resolve(c => c.Source.Event.OccurredAt);
        Field<DateOnlyGraphType>("stageDueOn").Description("When the new stage must be acted on; null for a stage without a time limit.").Resolve(c => c.Source.Event.StageDueOn);
        Field("case", new NonNullGraphType(new GraphQLTypeReference(DisputesGlobalIds.DisputeCase))).Description("The case as it is now.").Resolve(c => c.Source.Case);
    }
}

/// <summary><c>caseStageChanged</c>: stage moves of the cases the caller may read (the case row rule), optionally of one case or enterprise.</summary>
internal sealed class CaseStageChangedSubscription : ISubscriptionFieldContribution
{
    private static readonly string[] Streamed = [EventTypes.NameOf(typeof(CaseStageChanged))];

    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<CaseStageChangeType>>("caseStageChanged")
            .Description("Dispute cases moving from stage to stage, from now on (reconnect with Last-Event-ID for what you missed). Without arguments: every case you may read.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Argument<IdGraphType>("caseId", a => a.Description = "Only this case.")
            .Argument<IdGraphType>("enterpriseId", a => a.Description = "Only this enterprise's cases.")
            .ResolveStreamAsync(async context =>
            {
                var single = LiveStreams.OptionalId(context, "caseId", DisputesGlobalIds.DisputeCase);
                var enterprise = LiveStreams.OptionalId(context, "enterpriseId", EnterprisesGlobalIds.Enterprise);
                var live = new LiveSubscription(Streamed, Subject: single)
                {
                    // The case rule reads the subject only for experts (AccessContext.SubjectScopedRoles).
                    SharedByRowScope = true,
                    Wanted = e => enterprise is null || ((CaseStageChanged)e).EnterpriseId == enterprise,
                    VisibleThrough = e => new LiveNodeRef(DisputesGlobalIds.DisputeCase, ((CaseStageChanged)e).CaseId),
                    Payload = (e, node) => new CaseStageChange((CaseStageChanged)e, (DisputeCase)node),
                };
                return await LiveStreams.OpenAsync(context, live);
            });
}
