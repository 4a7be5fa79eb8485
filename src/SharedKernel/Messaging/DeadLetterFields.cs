using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.SharedKernel.Messaging;

/// <summary>
/// Admins see the messages subscribers gave up on, and replay them once the cause is fixed. Both fields carry the
/// admin policy, which the access rule checks before anything resolves.
/// </summary>
internal sealed class DeadLetterFields(IEnumerable<IDeadLetterStore> stores) : IQueryFieldContribution, IMutationFieldContribution
{
    public const string TypeName = "DeadLetter";
    private const int Limit = 100;

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeadLetterType>>>>("deadLetters")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Description($"Messages a subscriber gave up on, newest first ({Limit} per module at most). City centre only.")
            .Argument<BooleanGraphType>("includeReplayed", a => a.DefaultValue = false)
            .ResolveAsync(async context =>
            {
                var all = new List<DeadLetterView>();
                foreach (var store in stores)
                {
                    all.AddRange(await store.ListAsync(context.GetArgument<bool>("includeReplayed"), Limit, context.CancellationToken));
                }

                return all.OrderByDescending(d => d.FailedAt).ToList();
            });

    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReplayDeadLetterPayloadType>>("replayDeadLetter")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Description("Delivers a dead letter to its subscriber once more. City centre only.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                if (!GlobalId.TryDecode(context.GetArgument<string>("id"), TypeName, out var id))
                {
                    return Payload<DeadLetterView>.Failure(new UserError(ErrorCodes.InvalidId, "id is not the id of a DeadLetter.", ["id"]));
                }

                var bus = context.RequestServices!.GetRequiredService<IMessageBus>();
                foreach (var store in stores)
                {
                    if (await store.ReplayAsync(id, bus, context.CancellationToken) is not { } outcome)
                    {
                        continue;
                    }

                    var letter = (await store.FindAsync(id, context.CancellationToken))!;
                    return outcome.Status == DeliveryStatus.Handled
                        ? Payload<DeadLetterView>.Success(letter)
                        : Payload<DeadLetterView>.Failure(new UserError(ErrorCodes.InvalidState, $"The subscriber failed again: {outcome.Error}", ["id"]));
                }

                return Payload<DeadLetterView>.Failure(UserError.NotFound("The dead letter", "id"));
            });
}

internal sealed class DeadLetterType : ObjectGraphType<DeadLetterView>
{
    public DeadLetterType()
    {
        Name = DeadLetterFields.TypeName;
        Description = "A message a subscriber could not apply after repeated attempts.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(DeadLetterFields.TypeName, c.Source.Id));
        Field(d => d.Module).Description("The module whose subscriber failed.");
        Field<NonNullGraphType<IdGraphType>>("messageId").Resolve(c => c.Source.MessageId.ToString());
        Field(d => d.Type).Description("The event's stable name.");
        Field(d => d.Subscriber);
        Field(d => d.Error).Description("The last error.");
        Field(d => d.Attempts);
        Field(d => d.FailedAt);
        Field(d => d.ReplayedAt, nullable: true);
        Field(d => d.Payload).Description("The event as JSON.");
    }
}

internal sealed class ReplayDeadLetterPayloadType() : PayloadType<DeadLetterView, DeadLetterType>("ReplayDeadLetterPayload", "deadLetter");
