using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
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

/// <summary>
/// The first form of feedback: one score per attended registration, whoever it sent. Kept working for existing clients
/// (deprecated); its score counts once in the figures, beside the per-attendee scores of <see cref="GiveAttendeeFeedbackHandler"/>.
/// </summary>
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

        using var parkWrites = DataVersions.WritesOf(await SessionParks.OfAsync(db, registration.SessionId, cancellationToken));
        registration.Satisfaction = input.Satisfaction;
        registration.FeedbackComment = comment;
        registration.FeedbackAt = time.GetUtcNow().UtcDateTime;
        registration.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Registration>.Success(registration);
    }
}

internal sealed class AttendeeFeedbackInput
{
    public string? RegistrationId { get; set; }
    public string? Attendee { get; set; }
    public int Satisfaction { get; set; }
    public string? Comment { get; set; }
}

internal sealed class AttendeeFeedbackInputType : InputObjectGraphType<AttendeeFeedbackInput>
{
    public AttendeeFeedbackInputType()
    {
        Name = "GiveAttendeeFeedbackInput";
        Field<NonNullGraphType<IdGraphType>>("registrationId");
        Field<NonNullGraphType<StringGraphType>>("attendee").Description("One of the registration's named attendees, as registered.");
        Field<NonNullGraphType<IntGraphType>>("satisfaction").Description("1 (poor) to 5 (excellent).");
        Field<StringGraphType>("comment");
    }
}

/// <summary>One score and comment per named attendee of an attended registration, given by the enterprise's member.</summary>
internal static class GiveAttendeeFeedbackHandler
{
    public static async Task<Payload<Registration>> HandleAsync(
        AttendeeFeedbackInput input, AccessContext access, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.RegistrationId, TrainingGlobalIds.TrainingRegistration, true, "input", "registrationId");
        var attendee = check.Text(input.Attendee, Registration.AttendeeMax, true, "input", "attendee");
        check.Must(input.Satisfaction is >= 1 and <= 5, ErrorCodes.Invalid, "satisfaction runs from 1 to 5.", "input", "satisfaction");
        var comment = check.Text(input.Comment, Registration.CommentMax, false, "input", "comment");
        if (check.Failed)
        {
            return Payload<Registration>.Failure(check.Errors);
        }

        var registration = await db.Registrations.Visible(access).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
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

        // Names are matched as registered (trimmed), so a score cannot be given for someone the enterprise did not send.
        var named = registration.Attendees.FirstOrDefault(a => string.Equals(a, attendee, StringComparison.Ordinal));
        if (named is null)
        {
            return Payload<Registration>.Failure(UserError.NotFound("The attendee (named in the registration)", "input", "attendee"));
        }

        var duplicate = new UserError(ErrorCodes.Duplicate, $"Feedback for {named} was already given.", ["input", "attendee"]);
        if (await db.AttendeeFeedback.AnyAsync(f => f.RegistrationId == registration.Id && f.Attendee == named, cancellationToken))
        {
            return Payload<Registration>.Failure(duplicate);
        }

        using var parkWrites = DataVersions.WritesOf(await SessionParks.OfAsync(db, registration.SessionId, cancellationToken));
        db.AttendeeFeedback.Add(new AttendeeFeedback
        {
            RegistrationId = registration.Id,
            SessionId = registration.SessionId,
            Attendee = named,
            Satisfaction = input.Satisfaction,
            Comment = comment,
            GivenAt = time.GetUtcNow().UtcDateTime,
            GivenBy = access.SubjectId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is { } inner && PersistenceErrors.IsUniqueViolation(inner))
        {
            return Payload<Registration>.Failure(duplicate); // a second request for the same attendee won the race
        }

        return Payload<Registration>.Success(registration);
    }
}

internal sealed class FeedbackMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<FeedbackInputType, TrainingRegistrationType>("giveTrainingFeedback", AccessPolicies.People, "registration", GiveFeedbackHandler.HandleAsync)
            .Description("A 1–5 satisfaction score and a comment for the whole registration, once, after attending.")
            .DeprecationReason("Use giveAttendeeFeedback: one score per named attendee.");
        mutation.Mutation<AttendeeFeedbackInputType, TrainingRegistrationType>("giveAttendeeFeedback", AccessPolicies.People, "registration", GiveAttendeeFeedbackHandler.HandleAsync)
            .Description("A 1–5 satisfaction score and a comment for one named attendee, once each, after attending (the enterprise's member gives it).");
    }
}

/// <summary>
/// The park of a session (its organiser's), for a write that concerns it without having loaded it: the write then
/// changes only that park's training figures (ADR 0041). One primary-key read.
/// </summary>
internal static class SessionParks
{
    public static Task<Guid?> OfAsync(TrainingDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.ParkId).SingleOrDefaultAsync(cancellationToken);
}
