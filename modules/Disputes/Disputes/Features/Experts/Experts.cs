using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Experts;

internal sealed class RegisterExpertInput
{
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public ExpertKind Kind { get; set; }
    public List<string>? Specialties { get; set; }
    public List<string>? Jurisdictions { get; set; }
    public string? AccountId { get; set; }
}

internal sealed class RegisterExpertInputType : InputObjectGraphType<RegisterExpertInput>
{
    public RegisterExpertInputType()
    {
        Name = "RegisterExpertInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("organisation");
        Field<NonNullGraphType<ExpertKindType>>("kind");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("specialties").Description("Trademarks, patents, US litigation, platform complaints …");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("jurisdictions").Description("ISO 3166-1 alpha-2 codes (or EU).");
        Field<StringGraphType>("accountId").Description("The subject of the person's sign-in account (role expert): they then see the cases assigned to them.");
    }
}

internal static class RegisterExpertHandler
{
    public static async Task<Payload<Expert>> HandleAsync(RegisterExpertInput input, DisputesDbContext db, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.Text(input.Name, Expert.NameMax, true, "input", "name");
        var organisation = check.Text(input.Organisation, Expert.NameMax, false, "input", "organisation");
        var specialties = CaseInputs.Lines(check, input.Specialties, 100, 20, "input", "specialties");
        var jurisdictions = (input.Jurisdictions ?? []).Select((j, i) => CaseInputs.Market(check, j, "input", "jurisdictions", $"{i}")).OfType<string>().Distinct().ToList();
        var account = check.Text(input.AccountId, 100, false, "input", "accountId");
        if (check.Failed)
        {
            return Payload<Expert>.Failure(check.Errors);
        }

        var expert = new Expert { Name = name!, Organisation = organisation, Kind = input.Kind, Specialties = specialties, Jurisdictions = jurisdictions, SubjectId = account };
        db.Experts.Add(expert);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Expert>.Success(expert);
    }
}

internal sealed class AssignExpertInput
{
    public string? CaseId { get; set; }
    public string? ExpertId { get; set; }
    public DateOnly? On { get; set; }
}

internal sealed class AssignExpertInputType : InputObjectGraphType<AssignExpertInput>
{
    public AssignExpertInputType()
    {
        Name = "AssignExpertInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<IdGraphType>>("expertId");
        Field<DateOnlyGraphType>("on").Description("Today by default.");
    }
}

internal static class AssignExpertHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(AssignExpertInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var expertId = check.Id(input.ExpertId, DisputesGlobalIds.Expert, true, "input", "expertId");
        var on = input.On ?? ParkCalendar.Today(time);
        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        // Staff of the case's workstation and the centre assign; members and experts may not.
        var (dispute, notFound) = access.IsAdmin || access.IsStaff() ? await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken) : (null, UserError.NotFound("The case", "input", "caseId"));
        if (dispute is null)
        {
            return Payload<DisputeCase>.Failure(notFound!);
        }

        var expert = await db.Experts.Visible(access).SingleOrDefaultAsync(e => e.Id == expertId, cancellationToken);
        if (expert is null)
        {
            return Payload<DisputeCase>.Failure(UserError.NotFound("The expert", "input", "expertId"));
        }

        if (await db.CaseExperts.AnyAsync(a => a.CaseId == dispute.Id && a.ExpertId == expert.Id, cancellationToken))
        {
            return Payload<DisputeCase>.Success(dispute); // already assigned: nothing to do
        }

        db.CaseExperts.Add(new CaseExpert { CaseId = dispute.Id, ExpertId = expert.Id, AssignedOn = on });
        if (expert.SubjectId is { } subject && !dispute.ExpertSubjects.Contains(DisputeCase.SubjectToken(subject), StringComparison.Ordinal))
        {
            dispute.ExpertSubjects = dispute.ExpertSubjects.Length == 0 ? DisputeCase.SubjectToken(subject) : $"{dispute.ExpertSubjects}{subject},";
        }

        dispute.Version++;
        db.Timeline.Add(new TimelineEntry { CaseId = dispute.Id, Kind = TimelineEntryKind.ExpertAssigned, On = on, Note = expert.Name, RecordedBy = access.SubjectId, RecordedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class ExpertMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<RegisterExpertInputType, ExpertType>("registerExpert", AccessPolicies.Admin, "expert", RegisterExpertHandler.HandleAsync)
            .Description("Adds a lawyer, agent or mediator to the registry (the city centre).");
        mutation.Mutation<AssignExpertInputType, DisputeCaseType>("assignExpert", AccessPolicies.People, "disputeCase", AssignExpertHandler.HandleAsync)
            .Description("Assigns an expert to a case (its workstation's staff or the centre); the expert then sees that case.");
    }
}
