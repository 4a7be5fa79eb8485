using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Flows;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Campaigns;

internal sealed class OpenCampaignInput
{
    public string? Name { get; set; }
    public CaseKind Kind { get; set; }
    public string? Description { get; set; }
    public DateOnly OpenedOn { get; set; }
}

internal sealed class OpenCampaignInputType : InputObjectGraphType<OpenCampaignInput>
{
    public OpenCampaignInputType()
    {
        Name = "OpenDisputeCampaignInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<CaseKindType>>("kind");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<DateOnlyGraphType>>("openedOn");
    }
}

internal static class OpenCampaignHandler
{
    public static async Task<Payload<Campaign>> HandleAsync(OpenCampaignInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.Text(input.Name, Campaign.NameMax, true, "input", "name");
        var description = check.Text(input.Description, TimelineEntry.NoteMax, false, "input", "description");
        check.Must(input.OpenedOn <= ParkCalendar.Today(time), ErrorCodes.Invalid, "openedOn lies in the future.", "input", "openedOn");
        check.Must(access.IsAdmin || access.IsStaff(), ErrorCodes.Forbidden, "Campaigns are opened by the city centre and workstation staff.", "input");
        if (check.Failed)
        {
            return Payload<Campaign>.Failure(check.Errors);
        }

        var campaign = new Campaign { Name = name!, Kind = input.Kind, Description = description, OpenedOn = input.OpenedOn };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Campaign>.Success(campaign);
    }
}

internal sealed class MoveCampaignCasesInput
{
    public string? CampaignId { get; set; }
    public string? FromStage { get; set; }
    public string? Stage { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
}

internal sealed class MoveCampaignCasesInputType : InputObjectGraphType<MoveCampaignCasesInput>
{
    public MoveCampaignCasesInputType()
    {
        Name = "MoveDisputeCampaignCasesInput";
        Field<NonNullGraphType<IdGraphType>>("campaignId");
        Field<NonNullGraphType<StringGraphType>>("fromStage").Description("The open cases of the campaign in this stage (that the caller may see) are moved.");
        Field<NonNullGraphType<StringGraphType>>("stage");
        Field<NonNullGraphType<DateOnlyGraphType>>("on");
        Field<StringGraphType>("note");
    }
}

/// <summary>
/// Staff act on all of a campaign's cases at once ("file an opposition for each"): every open case the caller may see in
/// <c>fromStage</c> moves, each by its own flow's rules and into its own timeline. All or nothing: if one case may not
/// move, the errors name each such case and none moves.
/// </summary>
internal static class MoveCampaignCasesHandler
{
    public static async Task<Payload<Campaign>> HandleAsync(
        MoveCampaignCasesInput input, AccessContext access, DisputesDbContext db, FlowCatalogue flows, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var campaignId = check.Id(input.CampaignId, DisputesGlobalIds.Campaign, true, "input", "campaignId");
        var fromStage = check.Text(input.FromStage, 40, true, "input", "fromStage")?.ToUpperInvariant();
        var stage = check.Text(input.Stage, 40, true, "input", "stage")?.ToUpperInvariant();
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        check.Must(input.On <= ParkCalendar.Today(time), ErrorCodes.Invalid, "on lies in the future.", "input", "on");
        if (check.Failed)
        {
            return Payload<Campaign>.Failure(check.Errors);
        }

        var campaign = await db.Campaigns.Visible(access).AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return Payload<Campaign>.Failure(UserError.NotFound("The campaign", "input", "campaignId"));
        }

        var cases = await db.Cases.Visible(access).Where(c => c.CampaignId == campaign.Id && c.Outcome == null && c.Stage == fromStage).ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToList();
        var entered = (await db.Timeline.Where(t => caseIds.Contains(t.CaseId) && t.ToStage != null).Select(t => new { t.CaseId, t.ToStage, t.On, t.Id }).ToListAsync(cancellationToken))
            .GroupBy(t => t.CaseId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).GroupBy(t => t.ToStage!).ToDictionary(s => s.Key, s => s.Last().On));
        var now = time.GetUtcNow();
        foreach (var dispute in cases)
        {
            var path = new[] { "input", "cases", CaseIds.Of(dispute.Id) };
            if (CaseMoves.Move(db, flows, dispute, entered.GetValueOrDefault(dispute.Id, []), stage!, input.On, note, access, now, path) is { } refused)
            {
                check.Add(refused);
            }
        }

        check.Must(cases.Count > 0, ErrorCodes.NotFound, $"No open case of the campaign is in {fromStage}.", "input", "fromStage");
        if (check.Failed)
        {
            return Payload<Campaign>.Failure(check.Errors); // nothing was saved: the tracked changes are dropped with the request
        }

        await db.SaveChangesAsync(cancellationToken);
        return Payload<Campaign>.Success(campaign);
    }
}

internal sealed class CampaignMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<OpenCampaignInputType, CampaignType>("openDisputeCampaign", AccessPolicies.People, "campaign", OpenCampaignHandler.HandleAsync)
            .Description("Opens a campaign grouping the cases of one squatting wave or one suit (the city centre and workstation staff).");
        mutation.Mutation<MoveCampaignCasesInputType, CampaignType>("moveDisputeCampaignCases", AccessPolicies.People, "campaign", MoveCampaignCasesHandler.HandleAsync)
            .Description("Moves every open case of the campaign in fromStage that the caller may see, each by its own flow and into its own timeline; all or none.");
    }
}
