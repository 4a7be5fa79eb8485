using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Time;

namespace IpShield.Portfolios.Features.RecordIpRight;

internal sealed class RecordIpRightInput
{
    public string? EnterpriseId { get; set; }
    public RightKind Kind { get; set; }
    public string? Jurisdiction { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public string? NameAr { get; set; }
    public MarkForm? MarkForm { get; set; }
    public List<int>? NiceClasses { get; set; }
    public string? ApplicationNumber { get; set; }
    public string? RegistrationNumber { get; set; }
    public DateOnly FiledOn { get; set; }
    public DateOnly? PriorityOn { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public string? Agent { get; set; }
}

internal sealed class RecordIpRightInputType : InputObjectGraphType<RecordIpRightInput>
{
    public RecordIpRightInputType()
    {
        Name = "RecordIpRightInput";
        Field<NonNullGraphType<IdGraphType>>("enterpriseId").Description("The enterprise holding the right.");
        Field<NonNullGraphType<IpRightKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("jurisdiction").Description("ISO 3166-1 alpha-2 code, EU (EUIPO) or WO (WIPO Madrid).");
        Field<NonNullGraphType<StringGraphType>>("nameZh").Description("The mark's text or the title, in Chinese.");
        Field<StringGraphType>("nameEn");
        Field<StringGraphType>("nameAr");
        Field<MarkFormType>("markForm").Description("Marks only.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("niceClasses").Description("Marks only: Nice classes 1–45.");
        Field<StringGraphType>("applicationNumber");
        Field<StringGraphType>("registrationNumber");
        Field<NonNullGraphType<DateOnlyGraphType>>("filedOn");
        Field<DateOnlyGraphType>("priorityOn").Description("The earliest priority claimed.");
        Field<DateOnlyGraphType>("publishedOn");
        Field<DateOnlyGraphType>("registeredOn").Description("Registration of a mark, grant of a patent or design.");
        Field<StringGraphType>("agent");
    }
}

internal static class RecordIpRightHandler
{
    public static async Task<Payload<IpRight>> HandleAsync(
        RecordIpRightInput input, AccessContext access, PortfoliosDbContext db, DeadlineEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var check = new InputCheck();
        var enterpriseId = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, true, "input", "enterpriseId");
        var checkedRight = Check(input, check, today);
        if (check.Failed)
        {
            return Payload<IpRight>.Failure(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workstationId = await Placements.WorkstationOfAsync(db, enterpriseId!.Value, cancellationToken);
        if (!access.CanActFor(enterpriseId.Value, workstationId))
        {
            // The same answer as for an enterprise that does not exist.
            return Payload<IpRight>.Failure(UserError.NotFound("The enterprise", "input", "enterpriseId"));
        }

        var (right, history) = checkedRight!.Create(enterpriseId.Value, workstationId, access.SubjectId, time.GetUtcNow());
        db.IpRights.Add(right);
        db.IpRightEvents.AddRange(history);
        await RightLifecycle.RecomputeDeadlinesAsync(db, engine, right, history, today, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return Payload<IpRight>.Success(right);
    }

    /// <summary>
    /// The checks of a new right, each problem under <c>input.&lt;field&gt;</c>; null when there was one. Shared with
    /// the rights import, which maps a file row onto the same input.
    /// </summary>
    public static NewIpRight? Check(RecordIpRightInput input, InputCheck check, DateOnly today)
    {
        var before = check.Errors.Count;
        check.Must(Domain.Jurisdiction.TryParse(input.Jurisdiction, out var jurisdiction), ErrorCodes.Invalid,
            "jurisdiction is not an ISO 3166-1 alpha-2 code, EU or WO.", "input", "jurisdiction");
        var nameZh = check.Text(input.NameZh, IpRight.NameMax, true, "input", "nameZh");
        var nameEn = check.Text(input.NameEn, IpRight.NameMax, false, "input", "nameEn");
        var nameAr = check.Text(input.NameAr, IpRight.NameMax, false, "input", "nameAr");
        var applicationNumber = check.Text(input.ApplicationNumber, IpRight.NumberMax, false, "input", "applicationNumber");
        var registrationNumber = check.Text(input.RegistrationNumber, IpRight.NumberMax, false, "input", "registrationNumber");
        var agent = check.Text(input.Agent, IpRight.AgentMax, false, "input", "agent");
        var mark = input.Kind == RightKind.Trademark;
        check.Must(mark || (input.MarkForm is null && input.NiceClasses is not { Count: > 0 }), ErrorCodes.Invalid,
            "markForm and niceClasses belong to trademarks.", "input", "kind");
        check.Must(input.NiceClasses is null || input.NiceClasses.All(c => c is >= 1 and <= 45), ErrorCodes.Invalid,
            "Nice classes run from 1 to 45.", "input", "niceClasses");
        check.Must(input.FiledOn <= today, ErrorCodes.Invalid, "filedOn lies in the future.", "input", "filedOn");
        check.Must(input.PriorityOn is not { } priority || priority <= input.FiledOn, ErrorCodes.Invalid,
            "A priority date comes before the filing date.", "input", "priorityOn");
        check.Must(input.PublishedOn is not { } published || (published >= input.FiledOn && published <= today), ErrorCodes.Invalid,
            "publishedOn lies before filing or in the future.", "input", "publishedOn");
        check.Must(input.RegisteredOn is not { } registered || (registered >= input.FiledOn && registered <= today), ErrorCodes.Invalid,
            "registeredOn lies before filing or in the future.", "input", "registeredOn");
        return check.Errors.Count > before
            ? null
            : new NewIpRight(input, jurisdiction, nameZh!, nameEn, nameAr, applicationNumber, registrationNumber, agent);
    }
}

/// <summary>A checked new right (<see cref="RecordIpRightHandler.Check"/>), ready to become an <see cref="IpRight"/>.</summary>
internal sealed record NewIpRight(
    RecordIpRightInput Input, Jurisdiction Jurisdiction, string NameZh, string? NameEn, string? NameAr, string? ApplicationNumber, string? RegistrationNumber, string? Agent)
{
    /// <summary>The right and the first entries of its history, recorded by <paramref name="recordedBy"/> at <paramref name="now"/>.</summary>
    public (IpRight Right, List<IpRightEvent> History) Create(Guid enterpriseId, Guid? workstationId, string? recordedBy, DateTimeOffset now)
    {
        var input = Input;
        var mark = input.Kind == RightKind.Trademark;
        var right = new IpRight
        {
            EnterpriseId = enterpriseId,
            WorkstationId = workstationId,
            Kind = input.Kind,
            Jurisdiction = Jurisdiction.Code,
            NameZh = NameZh,
            NameEn = NameEn,
            NameAr = NameAr,
            MarkForm = mark ? input.MarkForm : null,
            NiceClasses = [.. (input.NiceClasses ?? []).Distinct().Order()],
            ApplicationNumber = ApplicationNumber,
            RegistrationNumber = RegistrationNumber,
            FiledOn = input.FiledOn,
            PriorityOn = input.PriorityOn,
            PublishedOn = input.PublishedOn,
            RegisteredOn = input.RegisteredOn,
            Agent = Agent,
            Status = input.RegisteredOn is not null ? RightStatus.Registered : input.PublishedOn is not null ? RightStatus.Published : RightStatus.Filed,
            RecordedAt = now,
            Version = 1,
        };

        // The dates given become the first entries of the right's history.
        var history = new List<IpRightEvent>();
        void Happened(LifecycleEventKind kind, DateOnly? on)
        {
            if (on is { } day)
            {
                history.Add(new IpRightEvent { RightId = right.Id, Kind = kind, OccurredOn = day, RecordedBy = recordedBy, RecordedAt = right.RecordedAt });
            }
        }

        Happened(LifecycleEventKind.Filed, input.FiledOn);
        Happened(LifecycleEventKind.Published, input.PublishedOn);
        Happened(mark ? LifecycleEventKind.Registered : LifecycleEventKind.Granted, input.RegisteredOn);
        return (right, history);
    }
}

internal sealed class RecordIpRightMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RecordIpRightInputType, IpRightType>("recordIpRight", AccessPolicies.People, "ipRight", RecordIpRightHandler.HandleAsync)
            .Description("Records a right an enterprise holds or has applied for, and computes its deadlines.");
}
