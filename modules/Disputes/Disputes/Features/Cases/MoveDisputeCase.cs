using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Time;

namespace IpShield.Disputes.Features.Cases;

internal sealed class MoveDisputeCaseInput
{
    public string? CaseId { get; set; }
    public string? Stage { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
}

internal sealed class MoveDisputeCaseInputType : InputObjectGraphType<MoveDisputeCaseInput>
{
    public MoveDisputeCaseInputType()
    {
        Name = "MoveDisputeCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<StringGraphType>>("stage").Description("The key of the stage to move to; the flow must allow it from the current one.");
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Description("The day it happened (the counter-notice filed on, the TRO extended on).");
        Field<StringGraphType>("note");
    }
}

/// <summary>One move of one case by its flow's rules: shared by a case's own move and a campaign's bulk action.</summary>
internal static class CaseMoves
{
    /// <summary>Moves the tracked case, or says why not (nothing changed then); <paramref name="path"/> prefixes the errors' fields.</summary>
    public static UserError? Move(
        DisputesDbContext db, FlowCatalogue flows, DisputeCase dispute, IReadOnlyDictionary<string, DateOnly> entered, string target, DateOnly on, string? note,
        AccessContext access, DateTimeOffset now, string[] path)
    {
        if (dispute.IsClosed)
        {
            return new UserError(DisputeErrorCodes.CaseClosed, $"The case was closed on {dispute.ClosedOn:yyyy-MM-dd}.", [.. path, "caseId"]);
        }

        var flow = flows.Find(dispute.FlowKey)!;
        var current = flow.StageOf(dispute.Stage)!;
        var refusal = StageRules.Check(current, dispute.StageEnteredOn, dispute.StageDueOn, target, on);
        string[] stageField = [.. path, "stage"];
        switch (refusal)
        {
            case MoveRefusal.NotInFlow:
                var allowed = current.Moves.Count == 0 ? "none (close it with an outcome)" : string.Join(", ", current.Moves.Select(m => m.To));
                return new UserError(DisputeErrorCodes.TransitionNotAllowed, $"The {flow.Key} flow does not move from {current.Key} to {target}; allowed: {allowed}.", stageField);
            case MoveRefusal.DeadlineMissed:
                return new UserError(DisputeErrorCodes.StageDeadlineMissed, $"{target} had to happen by {dispute.StageDueOn:yyyy-MM-dd} ({current.Deadline!.Describe()}).", stageField);
            case MoveRefusal.DeadlineNotReached:
                return new UserError(DisputeErrorCodes.StageDeadlineNotReached, $"{target} is open only after {dispute.StageDueOn:yyyy-MM-dd} ({current.Deadline!.Describe()}).", stageField);
            case MoveRefusal.BeforeStage:
                return new UserError(ErrorCodes.Invalid, $"on lies before the current stage began ({dispute.StageEnteredOn:yyyy-MM-dd}).", [.. path, "on"]);
        }

        var next = flow.StageOf(target)!;
        var from = dispute.Stage;
        dispute.Stage = next.Key;
        dispute.StageEnteredOn = on;
        dispute.StageDueOn = StageRules.DueOn(next, on, entered, dispute.BadFaith);
        dispute.Version++;
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.StageChanged, FromStage = from, ToStage = next.Key, On = on, Note = note, RecordedBy = access.SubjectId, RecordedAt = now });
        db.Publish(new CaseStageChanged(dispute.Id, dispute.EnterpriseId, from, next.Key, on, dispute.StageDueOn) { OccurredAt = now });
        return null;
    }
}

internal static class MoveDisputeCaseHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(
        MoveDisputeCaseInput input, AccessContext access, DisputesDbContext db, FlowCatalogue flows, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var stage = check.Text(input.Stage, 40, true, "input", "stage")?.ToUpperInvariant();
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        check.Must(input.On <= ParkCalendar.Today(time), ErrorCodes.Invalid, "on lies in the future.", "input", "on");
        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        var (dispute, notFound) = await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken);
        if (dispute is null)
        {
            return Payload<DisputeCase>.Failure(notFound!);
        }

        var entered = await CaseInputs.StagesEnteredAsync(db, dispute.Id, cancellationToken);
        if (CaseMoves.Move(db, flows, dispute, entered, stage!, input.On, note, access, time.GetUtcNow(), ["input"]) is { } refused)
        {
            return Payload<DisputeCase>.Failure(refused);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class MoveDisputeCaseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<MoveDisputeCaseInputType, DisputeCaseType>("moveDisputeCase", AccessPolicies.People, "disputeCase", MoveDisputeCaseHandler.HandleAsync)
            .Description("Moves a case to another stage of its flow. A move the flow does not allow is TRANSITION_NOT_ALLOWED; one due by a missed deadline STAGE_DEADLINE_MISSED; one open only after the deadline STAGE_DEADLINE_NOT_REACHED.");
}
