using GraphQL;
using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.Mediations;

internal static class MediationErrorCodes
{
    public const string NotAMediator = "NOT_A_MEDIATOR";
    public const string AlreadyConcluded = "MEDIATION_CONCLUDED";
}

internal sealed class RecordMediationInput
{
    public string? CaseId { get; set; }
    public string? MediatorId { get; set; }
    public DateOnly ConsultedOn { get; set; }
    public string? Consultation { get; set; }
    public string? Applicant { get; set; }
    public string? Respondent { get; set; }
}

internal sealed class RecordMediationInputType : InputObjectGraphType<RecordMediationInput>
{
    public RecordMediationInputType()
    {
        Name = "RecordMediationInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<IdGraphType>>("mediatorId").Description("An expert of kind MEDIATOR.");
        Field<NonNullGraphType<DateOnlyGraphType>>("consultedOn").Description("The day of the consultation that led to the mediation.");
        Field<NonNullGraphType<StringGraphType>>("consultation").Description("The consultation record: the enterprise's request and the facts it gave.");
        Field<NonNullGraphType<StringGraphType>>("applicant").Description("The party that asked for mediation.");
        Field<NonNullGraphType<StringGraphType>>("respondent").Description("The other party.");
    }
}

internal sealed class ConcludeMediationInput
{
    public string? MediationId { get; set; }
    public bool AgreementReached { get; set; }
    public string? Agreement { get; set; }
    public DateOnly On { get; set; }
}

internal sealed class ConcludeMediationInputType : InputObjectGraphType<ConcludeMediationInput>
{
    public ConcludeMediationInputType()
    {
        Name = "ConcludeMediationInput";
        Field<NonNullGraphType<IdGraphType>>("mediationId");
        Field<NonNullGraphType<BooleanGraphType>>("agreementReached");
        Field<StringGraphType>("agreement").Description("The terms agreed, or why no agreement was reached.");
        Field<NonNullGraphType<DateOnlyGraphType>>("on");
    }
}

/// <summary>Records and concludes mediations on a case: its workstation's staff and the centre, as they assign experts.</summary>
internal static class MediationHandlers
{
    public const string GlobalType = "DisputeMediation";

    public static async Task<Payload<Mediation>> RecordAsync(
        RecordMediationInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var mediatorId = check.Id(input.MediatorId, DisputesGlobalIds.Expert, true, "input", "mediatorId");
        var consultation = check.Text(input.Consultation, Mediation.TextMax, true, "input", "consultation");
        var applicant = check.Text(input.Applicant, Mediation.PartyMax, true, "input", "applicant");
        var respondent = check.Text(input.Respondent, Mediation.PartyMax, true, "input", "respondent");
        check.Must(input.ConsultedOn <= ParkCalendar.Today(time), ErrorCodes.Invalid, "consultedOn lies in the future.", "input", "consultedOn");
        if (check.Failed)
        {
            return Payload<Mediation>.Failure(check.Errors);
        }

        var (dispute, notFound) = access.IsAdmin || access.IsStaff() ? await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken) : (null, UserError.NotFound("The case", "input", "caseId"));
        if (dispute is null)
        {
            return Payload<Mediation>.Failure(notFound!);
        }

        var mediator = await db.Experts.Visible(access).SingleOrDefaultAsync(e => e.Id == mediatorId, cancellationToken);
        if (mediator is null)
        {
            return Payload<Mediation>.Failure(UserError.NotFound("The expert", "input", "mediatorId"));
        }

        if (mediator.Kind != ExpertKind.Mediator)
        {
            return Payload<Mediation>.Failure(new UserError(MediationErrorCodes.NotAMediator, $"{mediator.Name} is registered as {mediator.Kind}, not as a mediator.", ["input", "mediatorId"]));
        }

        var now = time.GetUtcNow();
        var mediation = new Mediation
        {
            CaseId = dispute.Id, MediatorId = mediator.Id, ConsultedOn = input.ConsultedOn, Consultation = consultation!, Applicant = applicant!, Respondent = respondent!,
            Result = MediationResult.Mediating, RecordedBy = access.SubjectId, RecordedAt = now,
        };
        db.Mediations.Add(mediation);
        dispute.Version++;
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.Note, On = input.ConsultedOn, Note = $"Mediation by {mediator.Name}: {applicant} / {respondent}", RecordedBy = access.SubjectId, RecordedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Mediation>.Success(mediation);
    }

    public static async Task<Payload<Mediation>> ConcludeAsync(
        ConcludeMediationInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.MediationId, GlobalType, true, "input", "mediationId");
        var agreement = check.Text(input.Agreement, Mediation.TextMax, false, "input", "agreement");
        check.Must(input.On <= ParkCalendar.Today(time), ErrorCodes.Invalid, "on lies in the future.", "input", "on");
        if (check.Failed)
        {
            return Payload<Mediation>.Failure(check.Errors);
        }

        // Reached only through a case the caller may see and act on, with the same answer as for an unknown id otherwise.
        var mediation = await db.Mediations.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var dispute = mediation is null || !(access.IsAdmin || access.IsStaff()) ? null : await db.Cases.Visible(access).SingleOrDefaultAsync(c => c.Id == mediation.CaseId, cancellationToken);
        if (mediation is null || dispute is null)
        {
            return Payload<Mediation>.Failure(UserError.NotFound("The mediation", "input", "mediationId"));
        }

        if (mediation.Result != MediationResult.Mediating)
        {
            return Payload<Mediation>.Failure(new UserError(MediationErrorCodes.AlreadyConcluded, $"The mediation ended on {mediation.ConcludedOn:yyyy-MM-dd}.", ["input", "mediationId"]));
        }

        if (input.On < mediation.ConsultedOn)
        {
            return Payload<Mediation>.Failure(new UserError(ErrorCodes.Invalid, "on lies before the consultation.", ["input", "on"]));
        }

        mediation.Result = input.AgreementReached ? MediationResult.AgreementReached : MediationResult.NoAgreement;
        mediation.Agreement = agreement;
        mediation.ConcludedOn = input.On;
        dispute.Version++;
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = dispute.Id, Kind = TimelineEntryKind.Note, On = input.On, Note = input.AgreementReached ? "Mediation: agreement reached" : "Mediation: no agreement",
            RecordedBy = access.SubjectId, RecordedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Mediation>.Success(mediation);
    }

    /// <summary><c>DisputeCase.mediations</c>: one read per page of cases.</summary>
    public static GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<Mediation>?> OfCase(IResolveFieldContext<DisputeCase> context) =>
        context.RequestServices!.GetRequiredService<RequestDataLoaders>().ForMany<Guid, Mediation>("dsp:case-mediations", async (keys, ct) =>
            (await context.RequestServices!.GetRequiredService<DisputesDbContext>().Mediations.Where(m => keys.Contains(m.CaseId)).AsNoTracking().ToListAsync(ct))
                .OrderBy(m => m.Id).ToLookup(m => m.CaseId)).Load(context.Source.Id);
}

internal sealed class MediationResultType : EnumerationGraphType<MediationResult>
{
    public MediationResultType() => Name = "MediationResult";
}

internal sealed class MediationType : ObjectGraphType<Mediation>
{
    public MediationType()
    {
        Name = "DisputeMediation";
        Description = "A mediation on a case: the consultation record, the parties, the mediator and whether an agreement was reached (DB4201/T 723-2024's consultation record and mediation flow).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(MediationHandlers.GlobalType, c.Source.Id));
        Field(m => m.ConsultedOn).Description("The day of the consultation that led to it.");
        Field(m => m.Consultation).Description("The consultation record: the enterprise's request and the facts it gave.");
        Field(m => m.Applicant);
        Field(m => m.Respondent);
        Field("mediator", new GraphQLTypeReference(DisputesGlobalIds.Expert))
            .Description("Null when the caller may not see the registry entry.")
            .Resolve(c => c.LoadNode(DisputesGlobalIds.Expert, c.Source.MediatorId));
        Field<NonNullGraphType<MediationResultType>>("result").Resolve(c => c.Source.Result);
        Field(m => m.Agreement, nullable: true).Description("The terms agreed, or why no agreement was reached.");
        Field(m => m.ConcludedOn, nullable: true);
        Field(m => m.RecordedAt);
    }
}

internal sealed class MediationMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<RecordMediationInputType, MediationType>("recordMediation", AccessPolicies.People, "mediation", MediationHandlers.RecordAsync)
            .Description("Records a mediation on a case from its consultation (its workstation's staff or the centre); the mediator must be registered as MEDIATOR (NOT_A_MEDIATOR).");
        mutation.Mutation<ConcludeMediationInputType, MediationType>("concludeMediation", AccessPolicies.People, "mediation", MediationHandlers.ConcludeAsync)
            .Description("Ends a mediation with or without an agreement; an ended one cannot end again (MEDIATION_CONCLUDED).");
    }
}
