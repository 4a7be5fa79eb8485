using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Filtering;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Auditing;

/// <summary>The audit log as a list: its filters and orderings, declared once.</summary>
internal sealed class AuditEntryList : EntityList<AuditEntry>
{
    public AuditEntryList()
        : base("AuditLog")
    {
        Order("OCCURRED_AT", a => a.OccurredAt).NewestFirst();
        Text("actor", a => a.ActorId!).Describe("A person's user id or a client's client id.");
        Text("entity", a => a.EntityType).Describe("The entity's type, for example Workstation, ServiceRecord, PlatformUser.");
        Text("entityKey", a => a.EntityId).Describe("The entity's key.");
        Text("change", a => a.Action).Describe("created, updated or deleted.");
        Instant("occurredAt", a => a.OccurredAt);
        Add<StringGraphType, string>("actorId", (rows, value, _) => rows.Where(a => a.ActorId == value)).Deprecate("use actor: { eq: ... }");
        Add<StringGraphType, string>("entityType", (rows, value, _) => rows.Where(a => a.EntityType == value)).Deprecate("use entity: { eq: ... }");
        Add<StringGraphType, string>("entityId", (rows, value, _) => rows.Where(a => a.EntityId == value)).Deprecate("use entityKey: { eq: ... }");
        Add<StringGraphType, string>("action", (rows, value, _) => rows.Where(a => a.Action == value)).Deprecate("use change: { eq: ... }");
        Add<DateTimeGraphType, DateTime>("from", (rows, value, context) => rows.Where(a => a.OccurredAt, new DateTimeFilter { Gte = value }, context.Path))
            .Deprecate("use occurredAt: { gte: ... }");
        Add<DateTimeGraphType, DateTime>("to", (rows, value, context) => rows.Where(a => a.OccurredAt, new DateTimeFilter { Lt = value }, context.Path))
            .Deprecate("use occurredAt: { lt: ... }");
    }
}

internal sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One change to one entity, recorded in the same transaction as the change.";
        Field(a => a.OccurredAt).Description("When (UTC).");
        Field(a => a.ActorKind).Description("person, client or anonymous.");
        Field(a => a.ActorId, nullable: true).Description("The person's user id or the client's client id.");
        Field(a => a.EntityType);
        Field(a => a.EntityId);
        Field(a => a.Action).Description("created, updated or deleted.");
        Field(a => a.Changes).Description("JSON object: each changed property with [old, new]; secrets show as ***.");
    }
}

internal sealed class AuditLogQuery : IQueryFieldContribution
{
    private static readonly AuditEntryList List = ListDeclarations.Of<AuditEntryList, AuditEntry>();

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<AuditEntryType, AuditEntry>>>("auditLog")
            .Description("Every change made through the API, newest first unless told otherwise (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .ListArguments(List)
            .ResolveAsync(async context => await List.PageAsync(
                context, context.RequestServices!.GetRequiredService<PlatformIdentityDbContext>().AuditLog.AsNoTracking()));
}
