namespace IpShield.Architecture.Tests;

/// <summary>
/// The breaking-change check of the API: schema/schema.graphql (the code's schema, kept current by the schema
/// contract test) against schema/released.graphql (what third-party clients were last given).
/// </summary>
public sealed class SchemaCompatibilityTests
{
    [Fact]
    public void The_schema_breaks_nothing_a_client_of_the_last_released_schema_relies_on()
    {
        var released = File.ReadAllText(Path.Combine(RepositoryRoot(), "schema", "released.graphql"));
        var current = File.ReadAllText(Path.Combine(RepositoryRoot(), "schema", "schema.graphql"));

        var breaks = SchemaCompatibility.BreakingChanges(released, current);

        Assert.True(breaks.Count == 0,
            "Changes that break clients of the last released schema (deprecate first, remove in a later release, and record it in CHANGELOG.md):\n"
            + string.Join('\n', breaks));
    }

    private const string Released = """
        type Query { enterprise(id: ID!): Enterprise  enterprises(first: Int, market: String): [Enterprise!]! old: Int @deprecated(reason: "use new") }
        type Enterprise { id: ID! name: String! nameEn: String status: Status! parkId: ID @deprecated(reason: "use park") }
        enum Status { ACTIVE LEFT OLD @deprecated(reason: "gone") }
        input SettleInput { enterpriseId: ID! note: String }
        union Hit = Enterprise | Park
        type Park { id: ID! }
        """;

    [Fact]
    public void Removing_what_was_deprecated_and_adding_optional_things_break_nothing()
    {
        const string current = """
            type Query { enterprise(id: ID!, asOf: String): Enterprise  enterprises(first: Int, market: String, after: String = "x"): [Enterprise!]! parks: [Park!]! }
            type Enterprise { id: ID! name: String! nameEn: String! status: Status! park: Park }
            enum Status { ACTIVE LEFT SUSPENDED }
            input SettleInput { enterpriseId: ID note: String reason: String }
            union Hit = Enterprise | Park
            type Park { id: ID! name: String }
            """;

        Assert.Empty(SchemaCompatibility.BreakingChanges(Released, current));
    }

    [Theory]
    [InlineData("field Enterprise.nameEn was removed without a deprecation first", "nameEn: String", "")]
    [InlineData("field Enterprise.name changed type from String! to String", "name: String!", "name: String")]
    [InlineData("field Enterprise.status changed type from Status! to Int!", "status: Status!", "status: Int!")]
    [InlineData("enum value Status.LEFT was removed without a deprecation first", "ACTIVE LEFT", "ACTIVE")]
    [InlineData("input field SettleInput(note) changed type from String to String!", "note: String }", "note: String! }")]
    [InlineData("input field SettleInput(reason) was added as required", "note: String }", "note: String reason: String! }")]
    [InlineData("argument Query.enterprises(market) was removed without a deprecation first", "first: Int, market: String", "first: Int")]
    [InlineData("argument Query.enterprise(asOf) was added as required", "enterprise(id: ID!)", "enterprise(id: ID!, asOf: String!)")]
    [InlineData("field Query.enterprises changed type from [Enterprise!]! to [Enterprise]!", "[Enterprise!]!", "[Enterprise]!")]
    [InlineData("union Hit no longer includes Park", "Enterprise | Park", "Enterprise")]
    [InlineData("type Park changed from object to input", "type Park { id: ID! }", "input Park { id: ID! }")]
    public void A_change_that_breaks_a_client_is_named(string expected, string before, string after)
    {
        var current = Released.Replace(before, after, StringComparison.Ordinal);
        Assert.NotEqual(Released, current);

        Assert.Equal([expected], SchemaCompatibility.BreakingChanges(Released, current));
    }

    [Fact]
    public void A_removed_type_is_named()
    {
        var current = Released.Replace("type Park { id: ID! }", string.Empty, StringComparison.Ordinal).Replace(" | Park", string.Empty, StringComparison.Ordinal);

        Assert.Equal(["type Park was removed", "union Hit no longer includes Park"], SchemaCompatibility.BreakingChanges(Released, current).Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Monolith.sln not found above " + AppContext.BaseDirectory);
    }
}
