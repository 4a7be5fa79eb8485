using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.RecordIpRight;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;

namespace IpShield.Portfolios.Features.PlanFiling;

/// <summary>
/// A filing the enterprise plans: a right in status PLANNED with a target day. Recording its FILED event turns it into
/// a filed right with deadlines; until then it counts as no protection in the coverage (it is a plan).
/// </summary>
internal sealed class PlanFilingInput
{
    public string? EnterpriseId { get; set; }
    public RightKind Kind { get; set; }
    public string? Jurisdiction { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public string? NameAr { get; set; }
    public MarkForm? MarkForm { get; set; }
    public List<NiceClassGoodsInput>? Goods { get; set; }
    public List<string>? Designations { get; set; }
    public DateOnly TargetFilingOn { get; set; }
    public string? Agent { get; set; }
}

internal sealed class PlanFilingInputType : InputObjectGraphType<PlanFilingInput>
{
    public PlanFilingInputType()
    {
        Name = "PlanFilingInput";
        Field<NonNullGraphType<IdGraphType>>("enterpriseId");
        Field<NonNullGraphType<IpRightKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("jurisdiction").Description("ISO 3166-1 alpha-2 code, EU (EUIPO) or WO (WIPO Madrid).");
        Field<NonNullGraphType<StringGraphType>>("nameZh");
        Field<StringGraphType>("nameEn");
        Field<StringGraphType>("nameAr");
        Field<MarkFormType>("markForm").Description("Marks only.");
        Field<ListGraphType<NonNullGraphType<NiceClassGoodsInputType>>>("goods").Description("Marks only: the goods or services per Nice class.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("designations").Description("WO only: the countries to designate.");
        Field<NonNullGraphType<DateOnlyGraphType>>("targetFilingOn").Description("The day the filing is planned for; may lie in the past (an overdue plan).");
        Field<StringGraphType>("agent");
    }
}

internal static class PlanFilingHandler
{
    public static async Task<Payload<IpRight>> HandleAsync(
        PlanFilingInput input, IResolveFieldContext context, AccessContext access, PortfoliosDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var enterpriseId = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, true, "input", "enterpriseId");
        check.Must(Domain.Jurisdiction.TryParse(input.Jurisdiction, out var jurisdiction), ErrorCodes.Invalid,
            "jurisdiction is not an ISO 3166-1 alpha-2 code, EU or WO.", "input", "jurisdiction");
        var nameZh = check.Text(input.NameZh, IpRight.NameMax, true, "input", "nameZh");
        var nameEn = check.Text(input.NameEn, IpRight.NameMax, false, "input", "nameEn");
        var nameAr = check.Text(input.NameAr, IpRight.NameMax, false, "input", "nameAr");
        var agent = check.Text(input.Agent, IpRight.AgentMax, false, "input", "agent");
        var mark = input.Kind == RightKind.Trademark;
        check.Must(mark || input.MarkForm is null, ErrorCodes.Invalid, "markForm belongs to trademarks.", "input", "kind");
        var goods = RecordIpRightHandler.CheckGoods(check, input.Goods, mark);
        var designations = RecordIpRightHandler.CheckDesignations(check, input.Designations, jurisdiction);
        check.Must(input.TargetFilingOn >= ParkCalendar.Today(time).AddYears(-5), ErrorCodes.Invalid, "targetFilingOn lies more than five years back.", "input", "targetFilingOn");
        if (check.Failed)
        {
            return Payload<IpRight>.Failure(check.Errors);
        }

        if (!await RecordIpRightMutation.EnterpriseVisibleAsync(context, enterpriseId!.Value, cancellationToken))
        {
            return Payload<IpRight>.Failure(UserError.NotFound("The enterprise", "input", "enterpriseId"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workstationId = await Placements.WorkstationOfAsync(db, enterpriseId.Value, cancellationToken);
        if (!access.CanActFor(enterpriseId.Value, workstationId))
        {
            return Payload<IpRight>.Failure(UserError.NotFound("The enterprise", "input", "enterpriseId"));
        }

        var right = new IpRight
        {
            EnterpriseId = enterpriseId.Value,
            WorkstationId = workstationId,
            Kind = input.Kind,
            Jurisdiction = jurisdiction.Code,
            NameZh = nameZh!,
            NameEn = nameEn,
            NameAr = nameAr,
            MarkForm = mark ? input.MarkForm : null,
            NiceClasses = [.. goods.Select(g => g.NiceClass)],
            Goods = goods,
            PlannedFilingOn = input.TargetFilingOn,
            Agent = agent,
            Status = RightStatus.Planned,
            RecordedAt = time.GetUtcNow(),
            Version = 1,
        };
        db.IpRights.Add(right);
        db.Designations.AddRange(designations.Select(country => new Designation
        {
            RightId = right.Id, Country = country, Status = RightStatus.Planned, ChangedOn = input.TargetFilingOn,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Payload<IpRight>.Success(right);
    }
}

internal sealed class PlanFilingMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<PlanFilingInputType, IpRightType>("planFiling", AccessPolicies.People, "ipRight", PlanFilingHandler.HandleAsync)
            .Description("Plans a filing for an enterprise with a target day: a right in status PLANNED; record its FILED event when it is filed.");
}
