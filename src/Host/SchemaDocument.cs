using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace IpShield.Host;

/// <summary>The schema as SDL: what /graphql/schema.graphql serves and schema/schema.graphql commits.</summary>
internal static class SchemaDocument
{
    public static string Print(IServiceProvider services)
    {
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
