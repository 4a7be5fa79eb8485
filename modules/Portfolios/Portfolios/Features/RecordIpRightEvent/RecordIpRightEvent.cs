using GraphQL.Types;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Messaging;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Portfolios.Features.RecordIpRightEvent;

internal sealed class RecordIpRightEventInput
{
    public string? RightId { get; set; }
    public LifecycleEventKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public string? Designation { get; set; }
}

internal sealed class RecordIpRightEventInputType : InputObjectGraphType<RecordIpRightEventInput>
{
    public RecordIpRightEventInputType()
    {
        Name = "RecordIpRightEventInput";
        Field<NonNullGraphType<IdGraphType>>("rightId");
        Field<NonNullGraphType<IpRightEventKindType>>("kind").Description("FILED is given when the right is recorded, or recorded for a planned filing.");
        Field<NonNullGraphType<DateOnlyGraphType>>("occurredOn").Description("The day it took effect.");
        Field<StringGraphType>("designation")
            .Description("Madrid (WO) rights: the designated country the event concerns (protection granted, refused…); its own status moves, not the registration's.");
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

        Designation? designation = null;
        if (input.Designation is { } country)
        {
            var code = country.Trim().ToUpperInvariant();
            designation = await db.Designations.SingleOrDefaultAsync(d => d.RightId == right.Id && d.Country == code, cancellationToken);
            if (designation is null)
            {
                return Payload<IpRight>.Failure(new UserError(ErrorCodes.NotFound, $"The right designates no {code}.", ["input", "designation"]));
            }
        }

        var status = designation?.Status ?? right.Status;
        if (!RightLifecycle.Allowed(status).Contains(input.Kind) || (designation is not null && input.Kind == LifecycleEventKind.Renewed))
        {
            // A Madrid registration is renewed once, at WIPO, for all its designations (Madrid Protocol art. 7).
            var what = designation is null ? "A right" : $"A designation of {designation.Country}";
            return Payload<IpRight>.Failure(new UserError(ErrorCodes.InvalidState,
                $"{what} that is {status.ToString().ToUpperInvariant()} admits no {input.Kind.ToString().ToUpperInvariant()} event.", ["input", "kind"]));
        }

        if (right.FiledOn is { } filed && input.OccurredOn < filed)
        {
            return Payload<IpRight>.Failure(new UserError(ErrorCodes.Invalid, "occurredOn lies before the filing date.", ["input", "occurredOn"]));
        }

        // The deadlines written below copy the enterprise's workstation as of now (ADR 0013).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        right.WorkstationId = await Placements.WorkstationOfAsync(db, right.EnterpriseId, cancellationToken) ?? right.WorkstationId;
        var after = RightLifecycle.After(status, input.Kind);
        var happened = new IpRightEvent
        {
            RightId = right.Id, Kind = input.Kind, OccurredOn = input.OccurredOn, Designation = designation?.Country, StatusAfter = after,
            RecordedBy = access.SubjectId, RecordedAt = time.GetUtcNow(),
        };
        db.IpRightEvents.Add(happened);
        if (designation is not null)
        {
            designation.Status = after;
            designation.ChangedOn = input.OccurredOn;
        }
        else
        {
            right.Status = after;
            if (input.Kind == LifecycleEventKind.Filed)
            {
                right.FiledOn ??= input.OccurredOn; // a planned filing made
            }
            else if (input.Kind == LifecycleEventKind.Published)
            {
                right.PublishedOn ??= input.OccurredOn;
            }
            else if (input.Kind is LifecycleEventKind.Registered or LifecycleEventKind.Granted)
            {
                right.RegisteredOn ??= input.OccurredOn;
                db.Publish(PortfoliosEventFactory.Registered(right, happened.RecordedAt));
            }
        }

        right.Version++;
        // Designation events stay out of the registration's facts: its deadlines are the international registration's.
        var history = await db.IpRightEvents.Where(e => e.RightId == right.Id && e.Designation == null).ToListAsync(cancellationToken);
        if (designation is null)
        {
            history.Add(happened);
        }

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
