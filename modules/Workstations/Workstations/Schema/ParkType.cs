using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;

namespace IpShield.Workstations.Schema;

internal sealed class ParkType : EntityNodeType<Park, WorkstationsDbContext>
{
    public ParkType()
        : base(WorkstationsGlobalIds.Park)
    {
        Description = "A cross-border e-commerce industrial park. The Enterprises module adds `enterprises`.";
        // Dashboards may read their own park's directory entry (row rule); nothing below it without their own policy.
        this.AuthorizeWithPolicy(AccessPolicies.SignedIn);
        Field(p => p.Name);
        Field(p => p.City);
        Field(p => p.District, nullable: true);
        Field(p => p.Address, nullable: true);
        Field(p => p.TimeZone).Description("IANA time zone that the park's monthly statistics use.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkstationType>>>>("workstations")
            .Description("The workstations settled in this park, by name.")
            .Resolve(context => WorkstationsLoaders.WorkstationsOfPark(context.RequestServices!, context.Access()).Load(context.Source.Id));
    }
}
