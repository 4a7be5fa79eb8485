using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.Portfolios.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Lists;
using IpShield.SharedKernel.GraphQL.Paging;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Features.ListRights;

/// <summary>The list of rights, declared once: behind <c>ipRights</c> and <c>Enterprise.ipRights</c>.</summary>
internal sealed class IpRightList : EntityList<IpRight>
{
    public IpRightList()
        : base(PortfoliosGlobalIds.IpRight)
    {
        Order("NAME", r => r.NameZh).Describe("The Chinese name or title.");
        Enum<IpRightKindType, RightKind>("kind", r => r.Kind);
        Text("jurisdiction", r => r.Jurisdiction).Describe("ISO 3166-1 alpha-2, EU or WO, in capitals.");
        Enum<IpRightStatusType, RightStatus>("status", r => r.Status);
        Reference("enterprise", r => r.EnterpriseId, EnterprisesGlobalIds.Enterprise);
        Reference("workstation", r => r.WorkstationId!.Value, WorkstationsGlobalIds.Workstation).Describe("The workstation serving the enterprise.");
    }
}

/// <summary>The list of deadlines, declared once: behind <c>deadlines</c> and <c>Enterprise.deadlines</c>.</summary>
internal sealed class DeadlineList : EntityList<RightDeadline>
{
    public DeadlineList()
        : base(PortfoliosGlobalIds.Deadline)
    {
        Order("DUE_ON", d => d.DueOn);
        Enum<DeadlineStateType, DeadlineState>("state", d => d.State);
        Enum<DeadlineTaskType, DeadlineTask>("task", d => d.Task);
        Date("dueOn", d => d.DueOn);
        Reference("enterprise", d => d.EnterpriseId, EnterprisesGlobalIds.Enterprise);
        Reference("right", d => d.RightId, PortfoliosGlobalIds.IpRight);
        Reference("workstation", d => d.WorkstationId!.Value, WorkstationsGlobalIds.Workstation).Describe("The workstation serving the enterprise.");
    }
}

internal sealed class ListRights : IQueryFieldContribution
{
    private static readonly IpRightList Rights = ListDeclarations.Of<IpRightList, IpRight>();
    private static readonly DeadlineList Deadlines = ListDeclarations.Of<DeadlineList, RightDeadline>();

    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<IpRightType, IpRight>>>("ipRights")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Rights the caller may see, filtered and ordered (by Chinese name unless told otherwise).")
            .ListArguments(Rights)
            .ResolveAsync(async c => await Rights.PageAsync(c, Db(c.RequestServices!).Rows<IpRight>(c.Access(), c.RequestServices!)));

        query.Field<NonNullGraphType<ConnectionType<DeadlineType, RightDeadline>>>("deadlines")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Deadlines the caller may see, earliest due first unless told otherwise.")
            .ListArguments(Deadlines)
            .ResolveAsync(async c => await Deadlines.PageAsync(c, Db(c.RequestServices!).Rows<RightDeadline>(c.Access(), c.RequestServices!)));
    }

    private static PortfoliosDbContext Db(IServiceProvider services) => services.GetRequiredService<PortfoliosDbContext>();
}

/// <summary><c>Enterprise.ipRights</c> and <c>Enterprise.deadlines</c>: the same lists under the Enterprises module's type, one read per page of enterprises.</summary>
internal sealed class EnterprisePortfolio : TypeExtension
{
    private static readonly IpRightList Rights = ListDeclarations.Of<IpRightList, IpRight>();
    private static readonly DeadlineList Deadlines = ListDeclarations.Of<DeadlineList, RightDeadline>();

    public EnterprisePortfolio()
        : base(EnterprisesGlobalIds.Enterprise)
    {
        Field<NonNullGraphType<ConnectionType<IpRightType, IpRight>>>("ipRights")
            .Description("Its rights the caller may see, filtered and ordered like ipRights.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(Rights)
            .Resolve(c =>
            {
                var access = c.Access();
                return Rights.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<PortfoliosDbContext>().Rows<IpRight>(access, sp), r => (Guid?)r.EnterpriseId);
            });
        Field<NonNullGraphType<ConnectionType<DeadlineType, RightDeadline>>>("deadlines")
            .Description("The deadlines of its rights the caller may see, filtered and ordered like deadlines.")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .ListArguments(Deadlines)
            .Resolve(c =>
            {
                var access = c.Access();
                return Deadlines.PageOfParent(c, c.ParentKey(), sp => sp.GetRequiredService<PortfoliosDbContext>().Rows<RightDeadline>(access, sp), d => (Guid?)d.EnterpriseId);
            });
    }
}
