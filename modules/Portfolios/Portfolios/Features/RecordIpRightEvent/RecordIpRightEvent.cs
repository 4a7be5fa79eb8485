using GraphQL.Types;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Features.RecordIpRightEvent;

internal sealed class RecordIpRightEventInput
{
    public string? RightId { get; set; }
    public LifecycleEventKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
}

internal sealed class RecordIpRightEventInputType : InputObjectGraphType<RecordIpRightEventInput>
{
    public RecordIpRightEventInputType()
    {
        Name = "RecordIpRightEventInput";
        Field<NonNullGraphType<IdGraphType>>("rightId");
        Field<NonNullGraphType<IpRightEventKindType>>("kind").Description("FILED is given when the right is recorded.");
        Field<NonNullGraphType<DateOnlyGraphType>>("occurredOn").Description("The day it took effect.");
    }
}

internal static class RecordIpRightEventHandler
{
    public static async Task<Payload<IpRight>> HandleAsync(
        RecordIpRightEventInput input, AccessContext access, PortfoliosDbContext db, DeadlineEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var check = new InputCheck();
        var id = check.Id(input.RightId, PortfoliosGlobalIds.IpRight, true, "input", "rightId");
        check.Must(input.OccurredOn <= today, ErrorCodes.Invalid, "occurredOn lies in the future.", "input", "occurredOn");
        if (check.Failed)
        {
            return Payload<IpRight>.Failure(check.Errors);
        }

        var right = await db.IpRights.Visible(access).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (right is null)
        {
            return Payload<IpRight>.Failure(UserError.NotFound("The right", "input", "rightId"));
        }

        if (!RightLifecycle.Allowed(right.Status).Contains(input.Kind))
        {
            return Payload<IpRight>.Failure(new UserError(ErrorCodes.InvalidState,
                $"A right that is {right.Status.ToString().ToUpperInvariant()} admits no {input.Kind.ToString().ToUpperInvariant()} event.", ["input", "kind"]));
        }

        if (right.FiledOn is { } filed && input.OccurredOn < filed)
        {
            return Payload<IpRight>.Failure(new UserError(ErrorCodes.Invalid, "occurredOn lies before the filing date.", ["input", "occurredOn"]));
        }

        // The deadlines written below copy the enterprise's workstation as of now (ADR 0013).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        right.WorkstationId = await Placements.WorkstationOfAsync(db, right.EnterpriseId, cancellationToken) ?? right.WorkstationId;
        var happened = new IpRightEvent { RightId = right.Id, Kind = input.Kind, OccurredOn = input.OccurredOn, RecordedBy = access.SubjectId, RecordedAt = time.GetUtcNow() };
        db.IpRightEvents.Add(happened);
        right.Status = RightLifecycle.After(right.Status, input.Kind);
        if (input.Kind == LifecycleEventKind.Published)
        {
            right.PublishedOn ??= input.OccurredOn;
        }
        else if (input.Kind is LifecycleEventKind.Registered or LifecycleEventKind.Granted)
        {
            right.RegisteredOn ??= input.OccurredOn;
        }

        right.Version++;
        var history = await db.IpRightEvents.Where(e => e.RightId == right.Id).ToListAsync(cancellationToken);
        history.Add(happened);
        await RightLifecycle.RecomputeDeadlinesAsync(db, engine, right, history, today, cancellationToken);
        // A stale version (two events recorded at once) becomes CONFLICT in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return Payload<IpRight>.Success(right);
    }
}

internal sealed class RecordIpRightEventMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RecordIpRightEventInputType, IpRightType>("recordIpRightEvent", AccessPolicies.People, "ipRight", RecordIpRightEventHandler.HandleAsync)
            .Description("Records an event in a right's history (publication, registration, renewal, lapse…), moves its status on and computes its deadlines again.");
}
