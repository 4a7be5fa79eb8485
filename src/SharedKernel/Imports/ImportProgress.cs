using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Imports;

/// <summary>
/// An import job committed a batch (at most once a second per job) or ended: raised by the runner in the batch's own
/// transaction, so the figures are the committed ones. Streamed to <c>importProgress</c> subscribers (ADR 0022).
/// </summary>
[IntegrationEventName("imports.progressed.v1")]
public sealed record ImportProgressed(Guid JobId, ImportStatus Status, long RowsRead, long RowsApplied, long RowsFailed, long LastLine) : IntegrationEvent
{
    public static ImportProgressed Of(ImportJob job) => new(job.Id, job.Status, job.RowsRead, job.RowsApplied, job.RowsFailed, job.LastLine);

    public bool Ended => Status is ImportStatus.Succeeded or ImportStatus.Failed;
}

/// <summary>Copies import progress into the live-event table. Public only because Wolverine needs it.</summary>
public static class ImportProgressedLiveHandler
{
    public static Task<DeliveryOutcome> Handle(ImportProgressed message, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        LiveEvents.AppendAsync(scopes, message, message.JobId, cancellationToken);
}

/// <summary>One step of an import: the job (as <c>node(id:)</c> returns it) and the figures committed at that step.</summary>
internal sealed record ImportProgressStep(ImportProgressed Progress, object Job);

internal sealed class ImportProgressType : ObjectGraphType<ImportProgressStep>
{
    public ImportProgressType()
    {
        Name = "ImportProgress";
        Description = "An import committed a batch or ended. The figures are those committed at that step; `job` is the job now.";
        Field<NonNullGraphType<NodeInterface>>("job").Description("The import job (EnterpriseImport, IpRightImport).").Resolve(c => c.Source.Job);
        Field<NonNullGraphType<ImportStatusType>>("status").Resolve(c => c.Source.Progress.Status);
        Field<NonNullGraphType<LongGraphType>>("rowsRead").Resolve(c => c.Source.Progress.RowsRead);
        Field<NonNullGraphType<LongGraphType>>("rowsApplied").Resolve(c => c.Source.Progress.RowsApplied);
        Field<NonNullGraphType<LongGraphType>>("rowsFailed").Resolve(c => c.Source.Progress.RowsFailed);
        Field<NonNullGraphType<LongGraphType>>("lastLine").Resolve(c => c.Source.Progress.LastLine);
        Field<NonNullGraphType<BooleanGraphType>>("ended").Description("True for the last step: the stream completes after it.").Resolve(c => c.Source.Progress.Ended);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(c => c.Source.Progress.OccurredAt);
    }
}

/// <summary><c>importProgress(jobId)</c>: any module's import job, under that job type's own row rules.</summary>
internal sealed class ImportProgressSubscription : ISubscriptionFieldContribution
{
    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ImportProgressType>>("importProgress")
            .Description("The job's state now, then its committed progress (at most once a second) to the end, after which the stream completes. NOT_FOUND for a job you cannot read.")
            .AuthorizeWithPolicy(AccessPolicies.SignedIn)
            .Argument<NonNullGraphType<IdGraphType>>("jobId")
            .ResolveStreamAsync(async context =>
            {
                // Only import job types, read through their own loader: another caller's job is as absent as none.
                if (!GlobalId.TryDecode(context.GetArgument<string>("jobId"), out var typeName, out var key)
                    || context.Schema.AllTypes[typeName] is not INodeType nodeType || !IsImportJobType(nodeType))
                {
                    throw new UserInputError(ErrorCodes.NotFound, "No import job with this id is visible to you.");
                }

                var visible = await nodeType.LoadAsync([key], new NodeLoadContext(context.Access(), context.RequestServices!, context.CancellationToken));
                if (!visible.ContainsKey(key))
                {
                    throw new UserInputError(ErrorCodes.NotFound, "No import job with this id is visible to you.");
                }

                // Progress never goes back: a step that reaches the live table after the state already sent (the relay
                // delivers it a moment after its commit) is not sent again. Events arrive one at a time (LiveStreams).
                var sentUpToLine = -1L;
                var subscription = new LiveSubscription([EventTypes.NameOf(typeof(ImportProgressed))], key)
                {
                    Wanted = e =>
                    {
                        var step = (ImportProgressed)e;
                        if (!step.Ended && step.LastLine <= sentUpToLine)
                        {
                            return false;
                        }

                        sentUpToLine = Math.Max(sentUpToLine, step.LastLine);
                        return true;
                    },
                    VisibleThrough = _ => new LiveNodeRef(typeName, key),
                    Payload = (e, job) => new ImportProgressStep((ImportProgressed)e, job),
                    IsLast = e => ((ImportProgressed)e).Ended,
                    Initial = async load =>
                    {
                        var found = await nodeType.LoadAsync([key], load);
                        if (!found.TryGetValue(key, out var job))
                        {
                            return (null, true);
                        }

                        var now = ImportProgressed.Of((ImportJob)job);
                        sentUpToLine = Math.Max(sentUpToLine, now.LastLine);
                        return (new ImportProgressStep(now, job), now.Ended);
                    },
                };
                return await LiveStreams.OpenAsync(context, subscription);
            });

    private static bool IsImportJobType(INodeType type)
    {
        for (var t = type.GetType(); t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImportJobType<,>))
            {
                return true;
            }
        }

        return false;
    }
}
