using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Features.RegisterClient;
using IpShield.Identity.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Features.RotateClientSecret;

internal sealed class ClientIdInput
{
    public string? ClientId { get; set; }
}

internal sealed class RotateClientSecretInputType : InputObjectGraphType<ClientIdInput>
{
    public RotateClientSecretInputType()
    {
        Name = "RotateClientSecretInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
    }
}

/// <summary>Finds a dashboard or importer client; the web front end and operator clients are not managed through the API.</summary>
internal static class ManagedClients
{
    public static async Task<(object? Application, string? Kind)> FindAsync(IOpenIddictApplicationManager applications, string? clientId, CancellationToken cancellationToken)
    {
        var application = string.IsNullOrEmpty(clientId) ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return (null, null);
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var kind = properties.TryGetValue(ClientKinds.PropertyKind, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return kind is ClientKinds.Dashboard or ClientKinds.Importer ? (application, kind) : (null, null);
    }
}

internal static class RotateClientSecretHandler
{
    /// <summary>The old secret stops working at once; tokens already issued run until they expire or are revoked.</summary>
    public static async Task<Payload<ClientView>> HandleAsync(ClientIdInput input, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var (application, kind) = await ManagedClients.FindAsync(applications, input.ClientId, cancellationToken);
        if (application is null)
        {
            return Payload<ClientView>.Failure(UserError.NotFound("A dashboard or importer client with this id", "input", "clientId"));
        }

        var secret = ClientSecrets.New();
        await applications.UpdateAsync(application, secret, cancellationToken);
        var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? string.Empty;
        return Payload<ClientView>.Success(new ClientView(input.ClientId!, name, kind!, secret));
    }
}

internal sealed class RotateClientSecretMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MachineClientPayloadType>>("rotateClientSecret")
            .Description("Gives a machine client a new secret, shown once; the old one stops working (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<RotateClientSecretInputType>>("input")
            .ResolveAsync(async context => await RotateClientSecretHandler.HandleAsync(
                context.GetArgument<ClientIdInput>("input"),
                context.RequestServices!.GetRequiredService<IOpenIddictApplicationManager>(),
                context.CancellationToken));
}
