using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;

namespace IpShield.Workstations.Schema;

internal sealed class WorkstationType : NodeObjectType<Workstation>
{
    public const int MaxLatestServiceRecords = 50;

    public WorkstationType()
        : base(WorkstationsGlobalIds.Workstation, w => w.Id)
    {
        Description = "An IP-protection workstation serving the enterprises of a park.";
        this.AuthorizeWithPolicy(AccessPolicies.People); // individual records: never for machine clients
        Field(w => w.Name);
        Field<NonNullGraphType<WorkstationLevelType>>("level").Resolve(context => context.Source.Level);
        Field<NonNullGraphType<WorkstationStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<ParkType>>("park")
            .Resolve(context => WorkstationsLoaders.Parks(context.RequestServices!, context.Access()).Load(context.Source.ParkId));
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

internal sealed class WorkstationNodeSource : INodeSource
{
    public string TypeName => WorkstationsGlobalIds.Workstation;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context) =>
        (await WorkstationsLoaders.Workstations(context.Services, context.Access).LoadManyAsync(keys, context.CancellationToken))
            .ToDictionary(w => w.Key, w => (object)w.Value);
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
            .Resolve(context => GlobalId.Encode(ServiceRecordType.EnterpriseTypeName, context.Source.EnterpriseId));
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

internal sealed class ServiceRecordType : NodeObjectType<ServiceRecord>
{
    /// <summary>The type name the Enterprises module will give its global ids.</summary>
    public const string EnterpriseTypeName = "Enterprise";

    public ServiceRecordType()
        : base(WorkstationsGlobalIds.ServiceRecord, r => r.Id)
    {
        Description = "A consultation or guidance visit given to an enterprise.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field(r => r.OccurredOn);
        Field<NonNullGraphType<ServiceKindType>>("kind").Resolve(context => context.Source.Kind);
        Field(r => r.Topic);
        Field(r => r.Outcome, nullable: true);
        Field<IdGraphType>("enterpriseId")
            .Description("Global id of the enterprise served, if recorded.")
            .Resolve(context => context.Source.EnterpriseId is { } id ? GlobalId.Encode(EnterpriseTypeName, id) : null);
        Field<NonNullGraphType<WorkstationType>>("workstation")
            .Resolve(context => WorkstationsLoaders.Workstations(context.RequestServices!, context.Access()).Load(context.Source.WorkstationId));
        Field(r => r.RecordedAt).Description("When it was recorded (UTC).");
    }
}

internal sealed class ServiceRecordNodeSource : INodeSource
{
    public string TypeName => WorkstationsGlobalIds.ServiceRecord;

    public async Task<IReadOnlyDictionary<Guid, object>> LoadAsync(IReadOnlyCollection<Guid> keys, NodeLoadContext context) =>
        (await WorkstationsLoaders.ServiceRecords(context.Services, context.Access).LoadManyAsync(keys, context.CancellationToken))
            .ToDictionary(r => r.Key, r => (object)r.Value);
}
