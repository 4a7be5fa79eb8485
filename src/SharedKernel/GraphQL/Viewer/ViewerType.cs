using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Schema;

namespace IpShield.SharedKernel.GraphQL.Viewer;

/// <summary>
/// <c>viewer</c>: who is calling, as the access rules see them. The kernel knows the caller's kind, roles and scopes;
/// modules add what they own (<c>workstations</c>, <c>park</c>, <c>enterprise</c> as nodes, identity's
/// <c>displayName</c>) as <see cref="TypeExtension"/>s of <c>Viewer</c>, reading <see cref="AccessContext"/> from the
/// request rather than a key.
/// </summary>
public sealed class ViewerType : ObjectGraphType<AccessContext>
{
    public const string TypeName = "Viewer";

    public ViewerType()
    {
        Name = TypeName;
        Description = "The caller of this request: a person signed in through the web front end, or a machine client.";
        Field<NonNullGraphType<CallerKindType>>("kind").Resolve(context => context.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("subject")
            .Description("A person's user id or a machine client's client id.")
            .Resolve(context => context.Source.SubjectId ?? string.Empty);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles")
            .Description("admin (the city IP-protection centre), workstation_staff, enterprise_member, expert, park_manager.")
            .Resolve(context => context.Source.Roles.Order(StringComparer.Ordinal));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes")
            .Description("The OAuth scopes of the access token (api, stats:read, enterprises:import, enterprises:read).")
            .Resolve(context => context.Source.Scopes.Where(PlatformScopes.ApiScopes.Contains).Order(StringComparer.Ordinal));
    }
}

public sealed class CallerKindType : EnumerationGraphType<CallerKind>
{
    public CallerKindType()
    {
        Name = "CallerKind";
        Description = "PERSON: signed in through the web front end; CLIENT: a machine client (park dashboard, import script).";
    }
}

internal sealed class ViewerQuery : IQueryFieldContribution
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ViewerType>>("viewer")
            .Description("Who is calling: kind, roles, scopes and the workstations, park or enterprise they act for.")
            .AuthorizeWithPolicy(AccessPolicies.SignedIn)
            .Resolve(context => context.Access());
}
