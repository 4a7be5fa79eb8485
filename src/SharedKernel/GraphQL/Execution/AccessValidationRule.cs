using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// Enforces authorization metadata before resolution (GraphQL.NET only carries it). An anonymous caller may select only
/// <c>__typename</c>, fields marked <c>AllowAnonymous</c>, and <c>__schema</c>/<c>__type</c> where
/// <see cref="GraphQLEndpointOptions.AnonymousIntrospection"/> allows (Development): anything else is
/// <c>UNAUTHENTICATED</c> (HTTP 401). A signed-in caller lacking a field's or type's policy or role gets
/// <c>FORBIDDEN</c> (HTTP 403). Runs for cached documents too, since the caller differs between requests.
/// </summary>
public sealed class AccessValidationRule(GraphQLEndpointOptions options) : ValidationRuleBase
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(context.UserContext is RequestUserContext user ? new MatchingNodeVisitor<GraphQLField>((field, ctx) => Check(field, ctx, user.Access)) : null);

    private void Check(GraphQLField field, ValidationContext context, AccessContext access)
    {
        var definition = context.TypeInfo.GetFieldDef();
        var parent = context.TypeInfo.GetParentType()?.GetNamedType();
        if (definition is null || parent is null)
        {
            return; // unknown fields are reported by the standard rules
        }

        if (definition.Name.StartsWith("__", StringComparison.Ordinal))
        {
            // Introspection documents are costly to validate and answer; strangers read the published SDL (a fixed text) instead.
            if (access.Kind == CallerKind.Anonymous && !options.AnonymousIntrospection && definition.Name is "__schema" or "__type")
            {
                Report(context, field, Unauthenticated, $"Sign in to use {definition.Name}, or read the schema at /graphql/schema.graphql.");
            }

            return;
        }

        var isRoot = parent == context.Schema.Query || parent == context.Schema.Mutation || parent == context.Schema.Subscription;
        if (access.Kind == CallerKind.Anonymous)
        {
            if (isRoot && !definition.IsAnonymousAllowed())
            {
                Report(context, field, Unauthenticated, $"Sign in to use {definition.Name}: send an access token in the Authorization header (Bearer).");
            }

            return;
        }

        var returned = definition.ResolvedType?.GetNamedType();
        if (!Allowed(definition, access) || !Allowed(parent, access) || (returned is not null && !Allowed(returned, access)))
        {
            Report(context, field, Forbidden, $"You are not allowed to use {parent.Name}.{definition.Name}.");
        }
    }

    private static bool Allowed(IMetadataReader target, AccessContext access)
    {
        if (target.GetPolicies() is { } policies && !policies.All(access.Allows))
        {
            return false;
        }

        return target.GetRoles() is not { Count: > 0 } roles || access.IsAdmin || roles.Any(access.Roles.Contains);
    }

    private static void Report(ValidationContext context, GraphQLField field, string code, string message) =>
        context.ReportError(new ValidationError(context.Document.Source, null, message, field) { Code = code });
}
