using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Cases;

internal sealed class OpenDisputeCaseInput
{
    public string? EnterpriseId { get; set; }
    public string? Title { get; set; }
    public CaseKind Kind { get; set; }
    public DisputePlatform Platform { get; set; }
    public string? Market { get; set; }
    public string? Flow { get; set; }
    public DateOnly StartedOn { get; set; }
    public bool BadFaith { get; set; }
    public string? Complainant { get; set; }
    public string? RightAsserted { get; set; }
    public List<string>? ConcernedRightIds { get; set; }
    public List<string>? AffectedListings { get; set; }
    public string? CampaignId { get; set; }
    public List<AmountInput>? Amounts { get; set; }
    public string? Note { get; set; }
}

internal sealed class OpenDisputeCaseInputType : InputObjectGraphType<OpenDisputeCaseInput>
{
    public OpenDisputeCaseInputType()
    {
        Name = "OpenDisputeCaseInput";
        Field<NonNullGraphType<IdGraphType>>("enterpriseId");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<CaseKindType>>("kind");
        Field<NonNullGraphType<DisputePlatformType>>("platform");
        Field<NonNullGraphType<StringGraphType>>("market").Description("ISO 3166-1 alpha-2 code of the market concerned.");
        Field<StringGraphType>("flow").Description("The key of the stage flow to follow; by default the first that fits kind, platform and market (disputeFlows).");
        Field<NonNullGraphType<DateOnlyGraphType>>("startedOn").Description("The day the flow's first stage began: the notice received, the TRO granted, the squatted mark published.");
        Field<BooleanGraphType>("badFaith").Description("The other side acted in bad faith.");
        Field<StringGraphType>("complainant");
        Field<StringGraphType>("rightAsserted");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("concernedRightIds").Description("Ids of the enterprise's own rights (IpRight) concerned.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("affectedListings").Description("Listings or stores affected.");
        Field<IdGraphType>("campaignId");
        Field<ListGraphType<NonNullGraphType<AmountInputType>>>("amounts");
        Field<StringGraphType>("note");
    }
}

internal static class OpenDisputeCaseHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(
        OpenDisputeCaseInput input, AccessContext access, DisputesDbContext db, FlowCatalogue flows, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var check = new InputCheck();
        var enterpriseId = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, true, "input", "enterpriseId");
        var title = check.Text(input.Title, DisputeCase.TitleMax, true, "input", "title");
        var market = CaseInputs.Market(check, input.Market, "input", "market");
        var complainant = check.Text(input.Complainant, DisputeCase.PartyMax, false, "input", "complainant");
        var rightAsserted = check.Text(input.RightAsserted, DisputeCase.PartyMax, false, "input", "rightAsserted");
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        var rights = (input.ConcernedRightIds ?? []).Select((id, i) => check.Id(id, PortfoliosGlobalIds.IpRight, true, "input", "concernedRightIds", $"{i}")).OfType<Guid>().Distinct().ToList();
        check.Must(rights.Count <= DisputeCase.MaxRights, ErrorCodes.TooLong, $"At most {DisputeCase.MaxRights} rights.", "input", "concernedRightIds");
        var listings = CaseInputs.Lines(check, input.AffectedListings, DisputeCase.ListingMax, DisputeCase.MaxListings, "input", "affectedListings");
        var campaignId = check.Id(input.CampaignId, DisputesGlobalIds.Campaign, false, "input", "campaignId");
        check.Must(input.StartedOn <= today, ErrorCodes.Invalid, "startedOn lies in the future.", "input", "startedOn");
        var flow = input.Flow is { Length: > 0 } key ? flows.Find(key.Trim()) : flows.For(input.Kind, input.Platform, market ?? "");
        check.Must(flow is not null, DisputeErrorCodes.UnknownFlow, $"'{input.Flow}' is not a dispute flow (see disputeFlows).", "input", "flow");
        var caseId = Guid.CreateVersion7();
        var amounts = CaseInputs.Amounts(check, caseId, input.Amounts, input.StartedOn, "input", "amounts");
        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (workstationId, parkId) = await Profiles.PlacementOfAsync(db, enterpriseId!.Value, cancellationToken);
        if (!access.CanActFor(enterpriseId.Value, workstationId))
        {
            // The same answer as for an enterprise that does not exist.
            return Payload<DisputeCase>.Failure(UserError.NotFound("The enterprise", "input", "enterpriseId"));
        }

        if (campaignId is { } campaign && !await db.Campaigns.Visible(access).AnyAsync(c => c.Id == campaign, cancellationToken))
        {
            return Payload<DisputeCase>.Failure(UserError.NotFound("The campaign", "input", "campaignId"));
        }

        var now = time.GetUtcNow();
        var dispute = new DisputeCase
        {
            Id = caseId,
            EnterpriseId = enterpriseId.Value,
            WorkstationId = workstationId,
            ParkId = parkId,
            CampaignId = campaignId,
            Title = title!,
            Kind = input.Kind,
            Platform = input.Platform,
            Market = market!,
            FlowKey = flow!.Key,
            Stage = flow.Start.Key,
            StageEnteredOn = input.StartedOn,
            StageDueOn = StageRules.DueOn(flow.Start, input.StartedOn, new Dictionary<string, DateOnly>(), input.BadFaith),
            BadFaith = input.BadFaith,
            Complainant = complainant,
            RightAsserted = rightAsserted,
            ConcernedRightIds = rights,
            AffectedListings = listings,
            OpenedOn = input.StartedOn,
            OpenedAt = now,
        };
        dispute.Records(amounts);
        db.Cases.Add(dispute);
        db.Amounts.AddRange(amounts);
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = caseId, Kind = TimelineEntryKind.Opened, ToStage = dispute.Stage, On = input.StartedOn, Note = note, RecordedBy = access.SubjectId, RecordedAt = now,
        });
        db.Publish(new CaseOpened(caseId, dispute.EnterpriseId, dispute.Kind.ToString(), dispute.Platform.ToString(), dispute.Market, dispute.FlowKey, dispute.Stage, campaignId) { OccurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class OpenDisputeCaseMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<OpenDisputeCaseInputType, DisputeCaseType>("openDisputeCase", AccessPolicies.People, "disputeCase", OpenDisputeCaseHandler.HandleAsync)
            .Description("Opens a dispute case for an enterprise the caller may act for; it starts in the first stage of its flow, with that stage's clock.");
}
