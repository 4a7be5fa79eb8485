using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;

namespace IpShield.Disputes.Features.Cases;

internal sealed class RecordOnCaseInput
{
    public string? CaseId { get; set; }
    public DateOnly? On { get; set; }
    public string? Note { get; set; }
    public List<AmountInput>? Amounts { get; set; }
}

internal sealed class RecordOnCaseInputType : InputObjectGraphType<RecordOnCaseInput>
{
    public RecordOnCaseInputType()
    {
        Name = "RecordOnDisputeCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<DateOnlyGraphType>("on").Description("The day it happened; today by default.");
        Field<StringGraphType>("note");
        Field<ListGraphType<NonNullGraphType<AmountInputType>>>("amounts").Description("Funds frozen, damages claimed, a settlement, losses avoided or recovered.");
    }
}

/// <summary>A note and/or amounts added to a case's timeline, at any stage, closed or not.</summary>
internal static class RecordOnCaseHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(
        RecordOnCaseInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var on = input.On ?? today;
        var check = new InputCheck();
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        check.Must(on <= today, ErrorCodes.Invalid, "on lies in the future.", "input", "on");
        check.Must(note is not null || input.Amounts is { Count: > 0 }, ErrorCodes.Required, "A note or an amount is required.", "input", "note");
        var (dispute, notFound) = await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken);
        if (dispute is null)
        {
            check.Add(notFound!);
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        var amounts = CaseInputs.Amounts(check, dispute.Id, input.Amounts, on, "input", "amounts");
        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        var now = time.GetUtcNow();
        db.Amounts.AddRange(amounts);
        dispute.Records(amounts);
        var summary = string.Join("; ", amounts.Select(a => $"{a.Kind} {a.Amount} {a.Currency}"));
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = dispute.Id,
            Kind = amounts.Count > 0 ? TimelineEntryKind.AmountRecorded : TimelineEntryKind.Note,
            On = on,
            Note = note is null ? summary : amounts.Count > 0 ? $"{note} ({summary})" : note,
            RecordedBy = access.SubjectId,
            RecordedAt = now,
        });
        dispute.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class RecordOnCaseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RecordOnCaseInputType, DisputeCaseType>("recordOnDisputeCase", AccessPolicies.People, "disputeCase", RecordOnCaseHandler.HandleAsync)
            .Description("Adds a note or amounts of money to a case's timeline.");
}
