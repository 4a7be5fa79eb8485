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

namespace IpShield.Portfolios.Features.SettleDeadline;

internal sealed class SettleDeadlineInput
{
    public string? Id { get; set; }
}

/// <summary>One input for completing and for waiving: the deadline's id.</summary>
internal sealed class SettleDeadlineInputType : InputObjectGraphType<SettleDeadlineInput>
{
    public SettleDeadlineInputType()
    {
        Name = "SettleDeadlineInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The deadline.");
    }
}

/// <summary>A person marks an open (or missed) deadline done or waived; recomputing the right's deadlines keeps that.</summary>
internal static class SettleDeadlineHandler
{
    public static Task<Payload<RightDeadline>> CompleteAsync(SettleDeadlineInput input, AccessContext access, PortfoliosDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        SettleAsync(input, access, db, DeadlineState.Done, ParkCalendar.Today(time), cancellationToken);

    public static Task<Payload<RightDeadline>> WaiveAsync(SettleDeadlineInput input, AccessContext access, PortfoliosDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        SettleAsync(input, access, db, DeadlineState.Waived, ParkCalendar.Today(time), cancellationToken);

    private static async Task<Payload<RightDeadline>> SettleAsync(
        SettleDeadlineInput input, AccessContext access, PortfoliosDbContext db, DeadlineState state, DateOnly today, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, PortfoliosGlobalIds.Deadline, true, "input", "id");
        if (check.Failed)
        {
            return Payload<RightDeadline>.Failure(check.Errors);
        }

        var deadline = await db.Deadlines.Visible(access).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deadline is null)
        {
            return Payload<RightDeadline>.Failure(UserError.NotFound("The deadline", "input", "id"));
        }

        if (deadline.IsSettled)
        {
            return Payload<RightDeadline>.Failure(new UserError(ErrorCodes.InvalidState, $"The deadline is already {deadline.State.ToString().ToUpperInvariant()}.", ["input", "id"]));
        }

        deadline.State = state;
        deadline.ClosedOn = state == DeadlineState.Done ? today : null;
        deadline.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<RightDeadline>.Success(deadline);
    }
}

internal sealed class SettleDeadlineMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<SettleDeadlineInputType, DeadlineType>("completeDeadline", AccessPolicies.People, "deadline", SettleDeadlineHandler.CompleteAsync)
            .Description("Marks an open or missed deadline done today (when the act was done outside the events recorded).");
        mutation.Mutation<SettleDeadlineInputType, DeadlineType>("waiveDeadline", AccessPolicies.People, "deadline", SettleDeadlineHandler.WaiveAsync)
            .Description("Waives an open or missed deadline: the enterprise decided not to act on it.");
    }
}
