using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Tests;

/// <summary>How the schema is composed: root fields must say who may call them, modules add fields to each other's types.</summary>
public sealed class OneGraphTests
{
    [Fact]
    public void A_schema_with_a_root_field_that_declares_no_policy_fails_to_build()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(new OpenRoot()));

        Assert.Contains("Query.leaky", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Query.guarded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subscription_field_that_declares_no_policy_fails_the_build_too()
    {
        var services = new ServiceCollection();

        var failure = Assert.Throws<InvalidOperationException>(() => new PlatformSchema(services.BuildServiceProvider(), [new GuardedRoot()], [], [new OpenSubscription()], []));

        Assert.Contains("Subscription.leakyEvents", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscription.guardedEvents", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_field_marked_anonymous_or_with_a_policy_builds()
    {
        var schema = Build(new GuardedRoot());
        schema.Initialize();

        Assert.NotNull(schema.Query.GetField("guarded"));
    }

    [Fact]
    public void A_module_adds_a_field_to_a_type_it_knows_only_by_name()
    {
        var schema = Build(new GuardedRoot(), new ThingNotes());
        schema.Initialize();

        var thing = Assert.IsAssignableFrom<IComplexGraphType>(schema.AllTypes["Thing"]);
        Assert.NotNull(thing.GetField("notes"));
        Assert.NotNull(thing.GetField("name"));
    }

    [Fact]
    public void Two_modules_adding_the_same_field_to_one_type_is_refused_when_the_schema_is_built()
    {
        var schema = Build(new GuardedRoot(), new ThingNotes(), new ThingNotes());

        var failure = Assert.Throws<InvalidOperationException>(schema.Initialize);
        Assert.Contains("Thing.notes", failure.Message, StringComparison.Ordinal);
    }

    private static PlatformSchema Build(IQueryFieldContribution root, params TypeExtension[] extensions)
    {
        var services = new ServiceCollection();
        services.AddTransient<ThingType>();
        return new PlatformSchema(services.BuildServiceProvider(), [root], [], [], extensions);
    }

    private sealed class OpenRoot : IQueryFieldContribution
    {
        public void AddQueryFields(ObjectGraphType query)
        {
            query.Field<StringGraphType>("guarded").AuthorizeWithPolicy(AccessPolicies.People).Resolve(_ => "x");
            query.Field<StringGraphType>("leaky").Resolve(_ => "x");
        }
    }

    private sealed class OpenSubscription : ISubscriptionFieldContribution
    {
        public void AddSubscriptionFields(ObjectGraphType subscription)
        {
            subscription.Field<StringGraphType>("guardedEvents").AuthorizeWithPolicy(AccessPolicies.People).ResolveStream(_ => new Never());
            subscription.Field<StringGraphType>("leakyEvents").ResolveStream(_ => new Never());
        }

        private sealed class Never : IObservable<object?>
        {
            public IDisposable Subscribe(IObserver<object?> observer) => new CancellationTokenSource();
        }
    }

    private sealed class GuardedRoot : IQueryFieldContribution
    {
        public void AddQueryFields(ObjectGraphType query)
        {
            query.Field<StringGraphType>("guarded").AuthorizeWithPolicy(AccessPolicies.People).Resolve(_ => "x");
            query.Field<StringGraphType>("hello").AllowAnonymous().Resolve(_ => "x");
            query.Field<ThingType>("thing").AuthorizeWithPolicy(AccessPolicies.People).Resolve(_ => new Thing(Guid.CreateVersion7(), "a"));
        }
    }

    private sealed record Thing(Guid Id, string Name);

    private sealed class ThingType : KeyedObjectType<Thing>
    {
        public ThingType()
            : base("Thing", t => t.Id) =>
            Field(t => t.Name);
    }

    /// <summary>Another module's field: it names the type and reads the key, nothing else.</summary>
    private sealed class ThingNotes : TypeExtension
    {
        public ThingNotes()
            : base("Thing") =>
            Field<NonNullGraphType<StringGraphType>>("notes").Resolve(context => $"notes of {context.ParentKey()}");
    }
}
