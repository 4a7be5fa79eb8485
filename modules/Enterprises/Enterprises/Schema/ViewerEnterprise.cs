using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.GraphQL.Viewer;

namespace IpShield.Enterprises.Schema;

/// <summary>The enterprise an enterprise member acts for, under this module's row rules.</summary>
internal sealed class ViewerEnterprise : TypeExtension
{
    public ViewerEnterprise()
        : base(ViewerType.TypeName) =>
        Field<EnterpriseType>("enterprise")
            .Description("The enterprise the caller is a member of; null for anyone else.")
            .Resolve(context => context.LoadNode(EnterprisesGlobalIds.Enterprise, context.Access().EnterpriseId));
}
