using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.GraphQL.Viewer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Schema;

/// <summary>The caller's name as identity knows it: a person's display name, a machine client's registered name.</summary>
internal sealed class ViewerDisplayName : TypeExtension
{
    public ViewerDisplayName()
        : base(ViewerType.TypeName) =>
        Field<NonNullGraphType<StringGraphType>>("displayName")
            .Description("A person's display name, or a machine client's registered name.")
            .ResolveAsync(async context =>
            {
                var access = context.Access();
                var services = context.RequestServices!;
                var name = access.Kind == CallerKind.Person
                    ? (await services.GetRequiredService<UserManager<PlatformUser>>().FindByIdAsync(access.SubjectId ?? string.Empty))?.DisplayName
                    : await ClientNameAsync(services.GetRequiredService<IOpenIddictApplicationManager>(), access.SubjectId, context.CancellationToken);
                return string.IsNullOrEmpty(name) ? access.SubjectId ?? string.Empty : name;
            });

    private static async Task<string?> ClientNameAsync(IOpenIddictApplicationManager applications, string? clientId, CancellationToken cancellationToken) =>
        clientId is not null && await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? await applications.GetDisplayNameAsync(application, cancellationToken)
            : null;
}
