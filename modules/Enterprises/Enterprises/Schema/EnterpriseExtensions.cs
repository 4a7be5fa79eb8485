using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Features.ListEnterprises;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Schema;

/// <summary>
/// <c>Workstation.enterprises</c> and <c>Park.enterprises</c>: the Enterprises module's list (same filters, ordering,
/// paging and row rules as the root <c>enterprises</c>) under the Workstations module's types, one read per page of parents.
/// </summary>
internal abstract class EnterprisesOf(string typeName, System.Linq.Expressions.Expression<Func<Enterprise, Guid?>> parentKey, string description) : TypeExtension(typeName)
{
    private static readonly EnterpriseList List = ListDeclarations.Of<EnterpriseList, Enterprise>();

    protected void AddField() =>
        Field<NonNullGraphType<ConnectionType<EnterpriseType, Enterprise>>>("enterprises")
            .Description(description)
            .AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy)
            .ListArguments(List)
            .Resolve(context =>
            {
                var access = context.Access();
                return List.PageOfParent(
                    context,
                    context.ParentKey(),
                    services => services.GetRequiredService<EnterprisesDbContext>().Rows<Enterprise>(access, services),
                    parentKey);
            });
}

internal sealed class WorkstationEnterprises : EnterprisesOf
{
    public WorkstationEnterprises()
        : base(WorkstationsGlobalIds.Workstation, e => e.WorkstationId, "Enterprises this workstation serves that the caller may see, filtered and ordered like enterprises.") =>
        AddField();
}

internal sealed class ParkEnterprises : EnterprisesOf
{
    public ParkEnterprises()
        : base(WorkstationsGlobalIds.Park, e => e.ParkId, "Enterprises settled in this park that the caller may see, filtered and ordered like enterprises.") =>
        AddField();
}
