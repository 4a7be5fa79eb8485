using IpShield.Enterprises.Contracts;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Time;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Features.RecordService;

internal sealed class RecordServiceInput
{
    public string? WorkstationId { get; set; }
    public ServiceKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public string? Topic { get; set; }
    public string? Outcome { get; set; }
    public string? EnterpriseId { get; set; }
}

internal sealed class RecordServiceInputType : InputObjectGraphType<RecordServiceInput>
{
    public RecordServiceInputType()
    {
        Name = "RecordServiceInput";
        Field<NonNullGraphType<IdGraphType>>("workstationId");
        Field<NonNullGraphType<ServiceKindType>>("kind");
        Field<NonNullGraphType<DateOnlyGraphType>>("occurredOn");
        Field<NonNullGraphType<StringGraphType>>("topic");
        Field<StringGraphType>("outcome");
        Field<IdGraphType>("enterpriseId").Description("Global id of the enterprise served.");
    }
}

internal static class RecordServiceHandler
{
    public static async Task<Payload<ServiceRecord>> HandleAsync(RecordServiceInput input, AccessContext access, WorkstationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var workstationId = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, true, "input", "workstationId");
        var topic = check.Text(input.Topic, ServiceRecord.TopicMax, true, "input", "topic");
        var outcome = check.Text(input.Outcome, ServiceRecord.OutcomeMax, false, "input", "outcome");
        var enterpriseId = check.Id(input.EnterpriseId, EnterprisesGlobalIds.Enterprise, false, "input", "enterpriseId");
        var today = ParkCalendar.Today(clock);
        check.Must(input.OccurredOn <= today, ErrorCodes.Invalid, "A service cannot be recorded for a future date.", "input", "occurredOn");
        if (check.Failed)
        {
            return Payload<ServiceRecord>.Failure(check.Errors);
        }

        var workstation = await db.Workstations.Visible(access).AsNoTracking().SingleOrDefaultAsync(w => w.Id == workstationId, cancellationToken);
        if (workstation is null)
        {
            return Payload<ServiceRecord>.Failure(UserError.NotFound("The workstation", "input", "workstationId"));
        }

        if (!access.CanServeFor(workstation.Id))
        {
            return Payload<ServiceRecord>.Failure(new UserError(ErrorCodes.Forbidden, "Only the workstation's own staff record its services."));
        }

        check.Must(input.OccurredOn >= workstation.OpenedOn, ErrorCodes.Invalid, "The workstation had not opened on that date.", "input", "occurredOn");
        check.Must(workstation.ClosedOn is not { } closed || input.OccurredOn <= closed, ErrorCodes.InvalidState, "The workstation was closed on that date.", "input", "occurredOn");
        if (check.Failed)
        {
            return Payload<ServiceRecord>.Failure(check.Errors);
        }

        var record = new ServiceRecord
        {
            WorkstationId = workstation.Id,
            Kind = input.Kind,
            OccurredOn = input.OccurredOn,
            Topic = topic!,
            Outcome = outcome,
            EnterpriseId = enterpriseId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ServiceRecords.Add(record);
        db.Publish(new ServiceRecorded(record.Id, record.WorkstationId, record.EnterpriseId, record.Kind.ToString(), record.OccurredOn));
        await db.SaveChangesAsync(cancellationToken);
        return Payload<ServiceRecord>.Success(record);
    }
}

internal sealed class RecordServiceMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RecordServiceInputType, ServiceRecordType>("recordService", AccessPolicies.People, "serviceRecord", RecordServiceHandler.HandleAsync)
            .Description("Records a consultation or guidance visit a workstation gave.");
}
