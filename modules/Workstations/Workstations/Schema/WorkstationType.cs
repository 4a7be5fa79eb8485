using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;

namespace IpShield.Workstations.Schema;

internal sealed class WorkstationType : EntityNodeType<Workstation, WorkstationsDbContext>
{
    public const int MaxLatestServiceRecords = 50;

    public WorkstationType()
        : base(WorkstationsGlobalIds.Workstation)
    {
        Description = "An IP-protection workstation serving the enterprises of a park. The Enterprises module adds `enterprises`.";
        this.AuthorizeWithPolicy(AccessPolicies.People); // individual records: never for machine clients
        Field(w => w.Name);
        Field<NonNullGraphType<WorkstationLevelType>>("level").Resolve(context => context.Source.Level);
        Field<NonNullGraphType<WorkstationStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<ParkType>>("park").Resolve(context => context.LoadNode(WorkstationsGlobalIds.Park, context.Source.ParkId));
        Field(w => w.OpenedOn);
        Field(w => w.ClosedOn, nullable: true);
        Field(w => w.Head, nullable: true).Description("The person heading the workstation.");
        Field(w => w.Contact, nullable: true).Description("Phone or e-mail for enterprises.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkstationServiceType>>>>("servicesOffered")
            .Resolve(context => context.Source.ServicesOffered);
        Field(w => w.Version).Description("Pass it back as expectedVersion when updating; a stale one is a CONFLICT.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StaffAssignmentType>>>>("staff")
            .Description("Staff assigned here; visible to this workstation's staff and the city centre.")
            .Resolve(context => WorkstationsLoaders.StaffOf(context.RequestServices!, context.Access()).Load(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthlyServiceStatType>>>>("monthlyServiceStats")
            .Description("Services given per calendar month, newest first; kept up to date from recorded services, so a record shows here moments after it is made.")
            .Resolve(context => WorkstationsLoaders.MonthlyStatsOf(context.RequestServices!, context.Access()).Load(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServedEnterpriseType>>>>("servedEnterprises")
            .Description("Enterprises settled in this workstation's park and served by it now, by settlement date; kept from the Enterprises module's settlements.")
            .DeprecationReason("use enterprises, a connection of Enterprise with filters and paging")
            .Resolve(context => WorkstationsLoaders.ServedEnterprisesOf(context.RequestServices!, context.Access()).Load(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceRecordType>>>>("latestServiceRecords")
            .Description($"The most recent consultations and guidance visits, newest first (at most {MaxLatestServiceRecords}). Use serviceRecords for the full history.")
            .Argument<IntGraphType>("count", a => a.DefaultValue = 10)
            .Resolve(context =>
            {
                var count = context.GetArgument<int>("count");
                if (count is < 1 or > MaxLatestServiceRecords)
                {
                    throw new UserInputError(ErrorCodes.InvalidPaging, $"count must be between 1 and {MaxLatestServiceRecords}.");
                }

                return WorkstationsLoaders.LatestServiceRecordsOf(context.RequestServices!, context.Access(), count).Load(context.Source.Id);
            });
    }
}

internal sealed class MonthlyServiceStatType : ObjectGraphType<MonthlyServiceStat>
{
    public MonthlyServiceStatType()
    {
        Name = "MonthlyServiceStat";
        Field(s => s.Month).Description("The first day of the month.");
        Field(s => s.Consultations);
        Field(s => s.GuidanceVisits);
    }
}

internal sealed class ServedEnterpriseType : ObjectGraphType<ServedEnterprise>
{
    public ServedEnterpriseType()
    {
        Name = "ServedEnterprise";
        Field<NonNullGraphType<IdGraphType>>("enterpriseId")
            .Description("Global id of the enterprise; node(id:) fetches it.")
            .DeprecationReason("use Workstation.enterprises")
            .Resolve(context => GlobalId.Encode(EnterprisesGlobalIds.Enterprise, context.Source.EnterpriseId));
        Field(s => s.SettledOn);
    }
}

internal sealed class StaffAssignmentType : ObjectGraphType<StaffAssignment>
{
    public StaffAssignmentType()
    {
        Name = "StaffAssignment";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(s => s.PersonName);
        Field(s => s.Title, nullable: true);
        Field(s => s.AssignedOn);
    }
}

internal sealed class ServiceRecordType : EntityNodeType<ServiceRecord, WorkstationsDbContext>
{
    public ServiceRecordType()
        : base(WorkstationsGlobalIds.ServiceRecord)
    {
        Description = "A consultation or guidance visit given to an enterprise.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(r => r.OccurredOn);
        Field<NonNullGraphType<ServiceKindType>>("kind").Resolve(context => context.Source.Kind);
        Field(r => r.Topic);
        Field(r => r.Outcome, nullable: true);
        Field<IdGraphType>("enterpriseId")
            .Description("Global id of the enterprise served, if recorded.")
            .DeprecationReason("use enterprise")
            .Resolve(context => context.Source.EnterpriseId is { } id ? GlobalId.Encode(EnterprisesGlobalIds.Enterprise, id) : null);
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Description("The enterprise served, if recorded and visible to the caller (the Enterprises module's row rules decide).")
            .Resolve(context => context.LoadNode(EnterprisesGlobalIds.Enterprise, context.Source.EnterpriseId));
        Field<NonNullGraphType<WorkstationType>>("workstation")
            .Resolve(context => context.LoadNode(WorkstationsGlobalIds.Workstation, context.Source.WorkstationId));
        Field(r => r.RecordedAt).Description("When it was recorded (UTC).");
    }
}
