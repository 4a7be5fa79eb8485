using GraphQL.Builders;
using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Schema;

/// <summary>
/// Fields a module adds to a type another module owns (design rule 4), knowing only what that module's
/// <c>.Contracts</c> say: the type's name and its key (<see cref="Relay.NodeLoading.ParentKey"/>). A field returning
/// another module's type names it (<see cref="Field(string, string)"/>) and loads it through
/// <see cref="Relay.NodeLoading.LoadNode"/>, so the owner's row rules apply. Declare the fields in the constructor as on
/// any object type; register with <see cref="TypeExtensionRegistration.AddTypeExtension{TExtension}"/>. The schema moves
/// them onto <see cref="ExtendedType"/> before it initializes that type; the extension itself is never part of the schema.
/// </summary>
public abstract class TypeExtension : ObjectGraphType<object>
{
    protected TypeExtension(string extendedType) => ExtendedType = extendedType;

    /// <summary>The GraphQL name of the type that gets these fields.</summary>
    public string ExtendedType { get; }

    /// <summary>A field of a type another module owns, by the name its contracts give (nullable).</summary>
    protected FieldBuilder<object, object> Field(string name, string typeName) =>
        Field(name, new GraphQLTypeReference(typeName));
}

public static class TypeExtensionRegistration
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddTypeExtension<TExtension>(
        this Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        where TExtension : TypeExtension =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddTransient<TypeExtension, TExtension>(services);
}
