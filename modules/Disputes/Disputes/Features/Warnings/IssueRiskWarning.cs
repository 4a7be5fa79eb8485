using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Time;
using IpShield.Workstations.Contracts;

namespace IpShield.Disputes.Features.Warnings;

internal sealed class IssueRiskWarningInput
{
    public string? Number { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public RiskType RiskType { get; set; }
    public Severity Severity { get; set; }
    public List<string>? Markets { get; set; }
    public List<DisputePlatform>? Platforms { get; set; }
    public List<string>? ProductCategories { get; set; }
    public List<string>? Brands { get; set; }
    public string? RecommendedActions { get; set; }
    public List<string>? Sources { get; set; }
    public DateOnly ValidUntil { get; set; }
    public string? WorkstationId { get; set; }
}

internal sealed class IssueRiskWarningInputType : InputObjectGraphType<IssueRiskWarningInput>
{
    public IssueRiskWarningInputType()
    {
        Name = "IssueRiskWarningInput";
        Field<NonNullGraphType<StringGraphType>>("number").Description("Unique, e.g. WH-RW-2024-11.");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("body");
        Field<NonNullGraphType<RiskTypeType>>("riskType");
        Field<NonNullGraphType<SeverityType>>("severity");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("markets").Description("Target market codes as enterprises list them (AE, US, GCC); empty: any.");
        Field<ListGraphType<NonNullGraphType<DisputePlatformType>>>("platforms").Description("Empty: any.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("productCategories").Description("Matched case-insensitively; empty: any.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("brands").Description("Brands or rights holders concerned.");
        Field<StringGraphType>("recommendedActions");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("sources");
        Field<NonNullGraphType<DateOnlyGraphType>>("validUntil").Description("Enterprises that start to match up to this day still receive it.");
        Field<IdGraphType>("workstationId").Description("The issuing workstation (required for its staff): only its enterprises are reached. Omitted by the centre: all settled enterprises.");
    }
}

/// <summary>Issues a warning and delivers it, in the same transaction, to every enterprise it matches now (ADR 0017), set-based (ADR 0030).</summary>
internal static class IssueRiskWarningHandler
{
    public static async Task<Payload<RiskWarning>> HandleAsync(
        IssueRiskWarningInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var check = new InputCheck();
        var number = check.Text(input.Number, RiskWarning.NumberMax, true, "input", "number");
        var title = check.Text(input.Title, RiskWarning.TitleMax, true, "input", "title");
        var body = check.Text(input.Body, RiskWarning.BodyMax, true, "input", "body");
        var actions = check.Text(input.RecommendedActions, RiskWarning.BodyMax, false, "input", "recommendedActions");
        var markets = CaseInputs.Lines(check, (input.Markets ?? []).Select(m => m.Trim().ToUpperInvariant()), 10, 60, "input", "markets");
        var categories = CaseInputs.Lines(check, input.ProductCategories, 100, 30, "input", "productCategories");
        var brands = CaseInputs.Lines(check, input.Brands, 200, 20, "input", "brands");
        var sources = CaseInputs.Lines(check, input.Sources, 500, 10, "input", "sources");
        var workstation = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, false, "input", "workstationId");
        check.Must(input.ValidUntil >= today, ErrorCodes.Invalid, "validUntil lies in the past.", "input", "validUntil");
        check.Must(access.IsAdmin || (access.IsStaff() && workstation is { } ws && access.WorkstationIds.Contains(ws)), ErrorCodes.Forbidden,
            "Warnings are issued by the city centre, or by a workstation's staff for their workstation.", "input", "workstationId");
        if (check.Failed)
        {
            return Payload<RiskWarning>.Failure(check.Errors);
        }

        var now = time.GetUtcNow();
        var warning = new RiskWarning
        {
            Number = number!,
            Title = title!,
            Body = body!,
            RiskType = input.RiskType,
            Severity = input.Severity,
            Markets = markets,
            Platforms = [.. (input.Platforms ?? []).Distinct().Select(p => p.ToString())],
            ProductCategories = categories,
            Brands = brands,
            RecommendedActions = actions,
            Sources = sources,
            IssuedOn = today,
            ValidUntil = input.ValidUntil,
            IssuingWorkstationId = workstation,
            IssuedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Warnings.Add(warning);
        await db.SaveChangesAsync(cancellationToken); // the notifications' foreign key needs the warning's row
        var reach = await Targeting.DeliverInBulkAsync(db, warning, now, cancellationToken);
        db.Publish(new RiskWarningIssued(warning.Id, warning.Number, warning.RiskType.ToString(), warning.Severity.ToString(), workstation, warning.ValidUntil, reach) { OccurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Payload<RiskWarning>.Success(warning);
    }
}

internal sealed class IssueRiskWarningMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<IssueRiskWarningInputType, RiskWarningType>("issueRiskWarning", AccessPolicies.People, "riskWarning", IssueRiskWarningHandler.HandleAsync)
            .Description("Issues a risk warning and delivers it to the enterprises it concerns; enterprises that start to match while it is valid receive it then.");
}
