using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Features.RegisterClient;
using IpShield.Identity.Features.RotateClientSecret;
using IpShield.Identity.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Features.RevokeClient;

internal sealed class RevokeClientInputType : InputObjectGraphType<ClientIdInput>
{
    public RevokeClientInputType()
    {
        Name = "RevokeClientInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
    }
}

internal static class RevokeClientHandler
{
    /// <summary>Revokes the client's tokens (refused at once, ADR 0008) and removes the client with its secret.</summary>
    public static async Task<Payload<ClientView>> HandleAsync(ClientIdInput input, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, CancellationToken cancellationToken)
    {
        var (application, kind) = await ManagedClients.FindAsync(applications, input.ClientId, cancellationToken);
        if (application is null)
        {
            return Payload<ClientView>.Failure(UserError.NotFound("A dashboard or importer client with this id", "input", "clientId"));
        }

        var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? string.Empty;
        await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, cancellationToken))!, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        return Payload<ClientView>.Success(new ClientView(input.ClientId!, name, kind!, null));
    }
}

internal sealed class RevokeClientMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MachineClientPayloadType>>("revokeClient")
            .Description("Revokes a machine client: its secret and every token it holds stop working now (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<RevokeClientInputType>>("input")
            .ResolveAsync(async context => await RevokeClientHandler.HandleAsync(
                context.GetArgument<ClientIdInput>("input"),
                context.RequestServices!.GetRequiredService<IOpenIddictApplicationManager>(),
                context.RequestServices!.GetRequiredService<IOpenIddictTokenManager>(),
                context.CancellationToken));
}
