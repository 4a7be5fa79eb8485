using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Schema;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>Test-only root field <c>failingForTests</c> that throws like a bug, with a secret in its message.</summary>
internal sealed class FailingFieldForTests : IQueryFieldContribution
{
    public const string Secret = "connection string Password=hunter2 at Some.Internal.Type";

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<StringGraphType>("failingForTests").AuthorizeWithPolicy(AccessPolicies.SignedIn).Resolve(_ => throw new InvalidOperationException(Secret));
}
