using System.Security.Cryptography;
using GraphQL;
using GraphQL.Types;
using IpShield.Identity.Domain;
using IpShield.Identity.Schema;
using IpShield.Identity.Server;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Features.RegisterClient;

internal enum MachineClientKind
{
    Dashboard,
    Importer,
}

internal sealed class MachineClientKindType : EnumerationGraphType<MachineClientKind>
{
    public MachineClientKindType()
    {
        Name = "MachineClientKind";
        Description = "DASHBOARD: aggregates of one park (stats:read). IMPORTER: enterprise records of one workstation (enterprises:import, enterprises:read).";
    }
}

internal sealed class RegisterClientInput
{
    public MachineClientKind Kind { get; set; }
    public string? DisplayName { get; set; }
    public string? ParkId { get; set; }
    public string? WorkstationId { get; set; }
    public int? CostBudgetPerMinute { get; set; }
}

internal sealed class RegisterClientInputType : InputObjectGraphType<RegisterClientInput>
{
    public RegisterClientInputType()
    {
        Name = "RegisterClientInput";
        Field<NonNullGraphType<MachineClientKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<IdGraphType>("parkId").Description("Required for a DASHBOARD: the one park it may read.");
        Field<IdGraphType>("workstationId").Description("Required for an IMPORTER: the one workstation whose enterprises it may write.");
        Field<IntGraphType>("costBudgetPerMinute").Description("The query cost it may spend per minute (the `cost.complexity` of its operations); the platform's default when omitted. Over it, requests answer 429 with Retry-After.");
    }
}

internal sealed class MachineClientPayloadType() : PayloadType<ClientView, MachineClientType>("MachineClientPayload", "client");

/// <summary>Secrets are random, shown once and stored by OpenIddict as a hash.</summary>
internal static class ClientSecrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal static class RegisterClientHandler
{
    public static async Task<Payload<ClientView>> HandleAsync(RegisterClientInput input, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.Text(input.DisplayName, 200, true, "input", "displayName");
        var park = check.Id(input.ParkId, WorkstationsGlobalIds.Park, input.Kind == MachineClientKind.Dashboard, "input", "parkId");
        var workstation = check.Id(input.WorkstationId, WorkstationsGlobalIds.Workstation, input.Kind == MachineClientKind.Importer, "input", "workstationId");
        if (input.CostBudgetPerMinute is < 1)
        {
            check.Add(new UserError(ErrorCodes.Invalid, "costBudgetPerMinute must be at least 1.", ["input", "costBudgetPerMinute"]));
        }

        if (check.Failed)
        {
            return Payload<ClientView>.Failure(check.Errors);
        }

        var secret = ClientSecrets.New();
        var kind = input.Kind == MachineClientKind.Dashboard ? ClientKinds.Dashboard : ClientKinds.Importer;
        var clientId = $"{kind}-{Guid.CreateVersion7():N}"[..(kind.Length + 17)];
        var descriptor = input.Kind == MachineClientKind.Dashboard
            ? PlatformClients.Dashboard(clientId, secret, name!, park!.Value)
            : PlatformClients.Importer(clientId, secret, name!, workstation!.Value);
        descriptor.WithCostBudget(input.CostBudgetPerMinute);
        await applications.CreateAsync(descriptor, cancellationToken);
        return Payload<ClientView>.Success(new ClientView(clientId, name!, kind, secret));
    }
}

internal sealed class RegisterClientMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MachineClientPayloadType>>("registerClient")
            .Description("Registers a dashboard or import script; its secret is in this payload and nowhere else (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<RegisterClientInputType>>("input")
            .ResolveAsync(async context => await RegisterClientHandler.HandleAsync(
                context.GetArgument<RegisterClientInput>("input"),
                context.RequestServices!.GetRequiredService<IOpenIddictApplicationManager>(),
                context.CancellationToken));
}
