using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Auditing;

internal sealed class AuditLogFilter
{
    public string? ActorId { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Action { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
}

internal sealed class AuditLogFilterType : InputObjectGraphType<AuditLogFilter>
{
    public AuditLogFilterType()
    {
        Name = "AuditLogFilter";
        Description = "All given conditions must hold.";
        Field<StringGraphType>("actorId").Description("A person's user id or a client's client id.");
        Field<StringGraphType>("entityType").Description("For example Workstation, ServiceRecord, PlatformUser.");
        Field<StringGraphType>("entityId");
        Field<StringGraphType>("action").Description("created, updated or deleted.");
        Field<DateTimeGraphType>("from").Description("Inclusive, UTC.");
        Field<DateTimeGraphType>("to").Description("Exclusive, UTC.");
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
    private static readonly SortKey<AuditEntry> ByTime = SortKey<AuditEntry>.By("occurredAt", a => a.OccurredAt);

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<AuditEntryType, AuditEntry>>>("auditLog")
            .Description("Every change made through the API, newest first (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<AuditLogFilterType>("where")
            .PagingArguments()
            .ResolveAsync(async context =>
            {
                var filter = context.GetArgument<AuditLogFilter?>("where");
                var db = context.RequestServices!.GetRequiredService<PlatformIdentityDbContext>();
                var entries = db.AuditLog.AsNoTracking();
                if (filter?.ActorId is { } actor)
                {
                    entries = entries.Where(a => a.ActorId == actor);
                }

                if (filter?.EntityType is { } type)
                {
                    entries = entries.Where(a => a.EntityType == type);
                }

                if (filter?.EntityId is { } id)
                {
                    entries = entries.Where(a => a.EntityId == id);
                }

                if (filter?.Action is { } action)
                {
                    entries = entries.Where(a => a.Action == action);
                }

                if (filter?.From is { } from)
                {
                    var utc = from.ToUniversalTime();
                    entries = entries.Where(a => a.OccurredAt >= utc);
                }

                if (filter?.To is { } to)
                {
                    var utc = to.ToUniversalTime();
                    entries = entries.Where(a => a.OccurredAt < utc);
                }

                return await entries.ToConnectionAsync(ByTime, descending: true, PageRequest.From(context), context.CancellationToken);
            });
}
