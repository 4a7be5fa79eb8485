using GraphQLParser;
using GraphQLParser.AST;

namespace IpShield.Architecture.Tests;

/// <summary>
/// What a schema change breaks for a client written against the released SDL. Removing a type, a field, an argument,
/// an input field or an enum value breaks it unless the released schema already marked it <c>@deprecated</c> (the
/// deprecation period: one release at least). So does a type that changes kind, an output that may now be null where it
/// could not before, an argument or input field that is now required (or changes type), a new required argument or
/// input field, and a union member or interface taken away. Descriptions, new optional things and deprecations are
/// not breaking.
/// </summary>
public static class SchemaCompatibility
{
    public static IReadOnlyList<string> BreakingChanges(string releasedSdl, string currentSdl)
    {
        var released = TypesOf(releasedSdl);
        var current = TypesOf(currentSdl);
        var breaks = new List<string>();
        foreach (var (name, before) in released)
        {
            if (!current.TryGetValue(name, out var after))
            {
                breaks.Add($"type {name} was removed");
                continue;
            }

            if (before.Kind != after.Kind)
            {
                breaks.Add($"type {name} changed from {KindName(before)} to {KindName(after)}");
                continue;
            }

            switch (before)
            {
                case GraphQLObjectTypeDefinition o:
                    CompareOutputFields(name, o.Fields, ((GraphQLObjectTypeDefinition)after).Fields, breaks);
                    CompareNames($"type {name} no longer implements", o.Interfaces?.Items, ((GraphQLObjectTypeDefinition)after).Interfaces?.Items, breaks);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    CompareOutputFields(name, i.Fields, ((GraphQLInterfaceTypeDefinition)after).Fields, breaks);
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    CompareInputValues($"{name}", input.Fields?.Items, ((GraphQLInputObjectTypeDefinition)after).Fields?.Items, "input field", breaks);
                    break;
                case GraphQLEnumTypeDefinition e:
                    var values = ((GraphQLEnumTypeDefinition)after).Values?.Items.Select(v => v.Name.StringValue).ToHashSet() ?? [];
                    foreach (var value in e.Values?.Items ?? [])
                    {
                        if (!values.Contains(value.Name.StringValue) && !IsDeprecated(value.Directives))
                        {
                            breaks.Add($"enum value {name}.{value.Name.StringValue} was removed without a deprecation first");
                        }
                    }

                    break;
                case GraphQLUnionTypeDefinition u:
                    CompareNames($"union {name} no longer includes", u.Types?.Items, ((GraphQLUnionTypeDefinition)after).Types?.Items, breaks);
                    break;
            }
        }

        return breaks;
    }

    private static Dictionary<string, GraphQLTypeDefinition> TypesOf(string sdl) =>
        Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue, StringComparer.Ordinal);

    private static void CompareOutputFields(string type, GraphQLFieldsDefinition? before, GraphQLFieldsDefinition? after, List<string> breaks)
    {
        var now = after?.Items.ToDictionary(f => f.Name.StringValue, StringComparer.Ordinal) ?? [];
        foreach (var field in before?.Items ?? [])
        {
            var name = $"{type}.{field.Name.StringValue}";
            if (!now.TryGetValue(field.Name.StringValue, out var kept))
            {
                if (!IsDeprecated(field.Directives))
                {
                    breaks.Add($"field {name} was removed without a deprecation first");
                }

                continue;
            }

            // An output may become stricter (never null now); anything else changes what the client reads.
            if (!OutputStillReadable(field.Type, kept.Type))
            {
                breaks.Add($"field {name} changed type from {Print(field.Type)} to {Print(kept.Type)}");
            }

            CompareInputValues(name, field.Arguments?.Items, kept.Arguments?.Items, "argument", breaks);
        }
    }

    private static void CompareInputValues(string owner, List<GraphQLInputValueDefinition>? before, List<GraphQLInputValueDefinition>? after, string what, List<string> breaks)
    {
        var was = before?.ToDictionary(v => v.Name.StringValue, StringComparer.Ordinal) ?? [];
        var now = after?.ToDictionary(v => v.Name.StringValue, StringComparer.Ordinal) ?? [];
        foreach (var (name, value) in was)
        {
            if (!now.TryGetValue(name, out var kept))
            {
                if (!IsDeprecated(value.Directives))
                {
                    breaks.Add($"{what} {owner}({name}) was removed without a deprecation first");
                }

                continue;
            }

            // An input may become looser (optional now); anything else refuses what the client sends.
            if (!InputStillAccepted(value.Type, kept.Type))
            {
                breaks.Add($"{what} {owner}({name}) changed type from {Print(value.Type)} to {Print(kept.Type)}");
            }
        }

        foreach (var (name, value) in now)
        {
            if (!was.ContainsKey(name) && value.Type is GraphQLNonNullType && value.DefaultValue is null)
            {
                breaks.Add($"{what} {owner}({name}) was added as required");
            }
        }
    }

    private static void CompareNames(string message, List<GraphQLNamedType>? before, List<GraphQLNamedType>? after, List<string> breaks)
    {
        var now = after?.Select(t => t.Name.StringValue).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var type in before ?? [])
        {
            if (!now.Contains(type.Name.StringValue))
            {
                breaks.Add($"{message} {type.Name.StringValue}");
            }
        }
    }

    /// <summary>Covariant: T may become T!, and the same inside lists.</summary>
    private static bool OutputStillReadable(GraphQLType before, GraphQLType after) => (before, after) switch
    {
        (GraphQLNonNullType b, GraphQLNonNullType a) => OutputStillReadable(b.Type, a.Type),
        (GraphQLNonNullType, _) => false,
        (_, GraphQLNonNullType a) => OutputStillReadable(before, a.Type),
        (GraphQLListType b, GraphQLListType a) => OutputStillReadable(b.Type, a.Type),
        (GraphQLNamedType b, GraphQLNamedType a) => b.Name.StringValue == a.Name.StringValue,
        _ => false,
    };

    /// <summary>Contravariant: T! may become T, and the same inside lists.</summary>
    private static bool InputStillAccepted(GraphQLType before, GraphQLType after) => (before, after) switch
    {
        (GraphQLNonNullType b, GraphQLNonNullType a) => InputStillAccepted(b.Type, a.Type),
        (_, GraphQLNonNullType) => false,
        (GraphQLNonNullType b, _) => InputStillAccepted(b.Type, after),
        (GraphQLListType b, GraphQLListType a) => InputStillAccepted(b.Type, a.Type),
        (GraphQLNamedType b, GraphQLNamedType a) => b.Name.StringValue == a.Name.StringValue,
        _ => false,
    };

    private static bool IsDeprecated(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue == "deprecated") == true;

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Print(n.Type) + "!",
        GraphQLListType l => $"[{Print(l.Type)}]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => type.Kind.ToString(),
    };

    private static string KindName(GraphQLTypeDefinition type) => type switch
    {
        GraphQLObjectTypeDefinition => "object",
        GraphQLInterfaceTypeDefinition => "interface",
        GraphQLInputObjectTypeDefinition => "input",
        GraphQLEnumTypeDefinition => "enum",
        GraphQLUnionTypeDefinition => "union",
        GraphQLScalarTypeDefinition => "scalar",
        _ => type.Kind.ToString(),
    };
}
