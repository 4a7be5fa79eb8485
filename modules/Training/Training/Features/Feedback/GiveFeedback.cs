using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Training.Contracts;
using IpShield.Training.Domain;
using IpShield.Training.Persistence;
using IpShield.Training.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Training.Features.Feedback;

internal sealed class FeedbackInput
{
    public string? RegistrationId { get; set; }
    public int Satisfaction { get; set; }
    public string? Comment { get; set; }
}

internal sealed class FeedbackInputType : InputObjectGraphType<FeedbackInput>
{
    public FeedbackInputType()
    {
        Name = "GiveTrainingFeedbackInput";
        Field<NonNullGraphType<IdGraphType>>("registrationId");
        Field<NonNullGraphType<IntGraphType>>("satisfaction").Description("1 (poor) to 5 (excellent).");
        Field<StringGraphType>("comment");
    }
}

/// <summary>One score and comment per attended registration, given by the enterprise's member after attending.</summary>
internal static class GiveFeedbackHandler
{
    public static async Task<Payload<Registration>> HandleAsync(
        FeedbackInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.RegistrationId, TrainingGlobalIds.TrainingRegistration, true, "input", "registrationId");
        check.Must(input.Satisfaction is >= 1 and <= 5, ErrorCodes.Invalid, "satisfaction runs from 1 to 5.", "input", "satisfaction");
        var comment = check.Text(input.Comment, Registration.CommentMax, false, "input", "comment");
        if (check.Failed)
        {
            return Payload<Registration>.Failure(check.Errors);
        }

        var registration = await db.Registrations.Visible(access).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return Payload<Registration>.Failure(UserError.NotFound("The registration", "input", "registrationId"));
        }

        if (!access.IsMemberOf(registration.EnterpriseId))
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.Forbidden, "Feedback is given by the enterprise's own members.", ["input", "registrationId"]));
        }

        if (registration.Status != RegistrationStatus.Attended)
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.InvalidState, "Feedback comes after attending (a check-in or a join record).", ["input", "registrationId"]));
        }

        if (registration.Satisfaction is not null)
        {
            return Payload<Registration>.Failure(new UserError(ErrorCodes.Duplicate, "Feedback for this registration was already given.", ["input", "registrationId"]));
        }

        registration.Satisfaction = input.Satisfaction;
        registration.FeedbackComment = comment;
        registration.FeedbackAt = time.GetUtcNow().UtcDateTime;
        registration.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Registration>.Success(registration);
    }
}

internal sealed class FeedbackMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<FeedbackInputType, TrainingRegistrationType>("giveTrainingFeedback", AccessPolicies.People, "registration", GiveFeedbackHandler.HandleAsync)
            .Description("A 1–5 satisfaction score and a comment, once, after attending.");
}
