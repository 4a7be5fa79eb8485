using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Time;

namespace IpShield.Disputes.Features.Cases;

internal sealed class CloseDisputeCaseInput
{
    public string? CaseId { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public List<AmountInput>? Amounts { get; set; }
}

internal sealed class CloseDisputeCaseInputType : InputObjectGraphType<CloseDisputeCaseInput>
{
    public CloseDisputeCaseInputType()
    {
        Name = "CloseDisputeCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<CaseOutcomeType>("outcome").Description("Required: a case cannot close without one (OUTCOME_REQUIRED).");
        Field<NonNullGraphType<DateOnlyGraphType>>("on");
        Field<StringGraphType>("note");
        Field<ListGraphType<NonNullGraphType<AmountInputType>>>("amounts").Description("Settlement, losses avoided or recovered, funds released.");
    }
}

internal static class CloseDisputeCaseHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(
        CloseDisputeCaseInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        check.Must(input.Outcome is not null, DisputeErrorCodes.OutcomeRequired, "A case cannot close without an outcome.", "input", "outcome");
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        check.Must(input.On <= ParkCalendar.Today(time), ErrorCodes.Invalid, "on lies in the future.", "input", "on");
        var (dispute, notFound) = await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken);
        if (dispute is null)
        {
            check.Add(notFound!);
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        var amounts = CaseInputs.Amounts(check, dispute.Id, input.Amounts, input.On, "input", "amounts");
        check.Must(!dispute.IsClosed, DisputeErrorCodes.CaseClosed, "The case is already closed.", "input", "caseId");
        check.Must(input.On >= dispute.StageEnteredOn, ErrorCodes.Invalid, $"on lies before the current stage began ({dispute.StageEnteredOn:yyyy-MM-dd}).", "input", "on");
        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        var now = time.GetUtcNow();
        dispute.Outcome = input.Outcome;
        dispute.ClosedOn = input.On;
        dispute.StageDueOn = null;
        dispute.Version++;
        db.Amounts.AddRange(amounts);
        dispute.Records(amounts);
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.Closed, FromStage = dispute.Stage, On = input.On, Note = note ?? input.Outcome.ToString(), RecordedBy = access.SubjectId, RecordedAt = now });
        db.Publish(new CaseClosed(dispute.Id, dispute.EnterpriseId, input.Outcome!.Value.ToString(), input.On) { OccurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class CloseDisputeCaseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<CloseDisputeCaseInputType, DisputeCaseType>("closeDisputeCase", AccessPolicies.People, "disputeCase", CloseDisputeCaseHandler.HandleAsync)
            .Description("Closes a case with its outcome; it then takes no more moves.");
}
