using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.Exceptions;
using IpShield.Identity.Domain;
using IpShield.Identity.Features.RotateClientSecret;
using IpShield.Identity.Server;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IpShield.Identity.Features.RegisterTrustedDocuments;

internal sealed class RegisterTrustedDocumentsInput
{
    public string? ClientId { get; set; }
    public List<string>? Documents { get; set; }
    public bool? TrustedDocumentsOnly { get; set; }
}

internal sealed class RegisterTrustedDocumentsInputType : InputObjectGraphType<RegisterTrustedDocumentsInput>
{
    public RegisterTrustedDocumentsInputType()
    {
        Name = "RegisterTrustedDocumentsInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("documents")
            .Description("GraphQL documents the client will call by id (GET /graphql?documentId=…); added to those it has.");
        Field<BooleanGraphType>("trustedDocumentsOnly").Description("When true the client may send nothing but its trusted documents; unchanged when omitted.");
    }
}

/// <summary>What the client was given: the id of each document, in the order sent.</summary>
internal sealed record TrustedDocumentsView(string ClientId, IReadOnlyList<string> DocumentIds, bool TrustedDocumentsOnly);

internal sealed class TrustedDocumentsType : ObjectGraphType<TrustedDocumentsView>
{
    public TrustedDocumentsType()
    {
        Name = "TrustedDocuments";
        Field(v => v.ClientId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("documentIds")
            .Description("sha256:<hex of the document's UTF-8 text>, one per document sent.")
            .Resolve(c => c.Source.DocumentIds);
        Field(v => v.TrustedDocumentsOnly);
    }
}

internal sealed class RegisterTrustedDocumentsPayloadType() : PayloadType<TrustedDocumentsView, TrustedDocumentsType>("RegisterTrustedDocumentsPayload", "trustedDocuments");

internal static class RegisterTrustedDocumentsHandler
{
    public const int MaxDocuments = 100;
    public const int MaxDocumentLength = 20_000;

    /// <summary>Documents must parse; they are validated against the schema when called, like any query.</summary>
    public static async Task<Payload<TrustedDocumentsView>> HandleAsync(RegisterTrustedDocumentsInput input, IOpenIddictApplicationManager applications, ClientTrustedDocuments remembered, CancellationToken cancellationToken)
    {
        var documents = input.Documents ?? [];
        var errors = new List<UserError>();
        if (documents.Count is 0 or > MaxDocuments)
        {
            errors.Add(new UserError(ErrorCodes.Invalid, $"Send 1 to {MaxDocuments} documents.", ["input", "documents"]));
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var field = new[] { "input", "documents", i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (documents[i].Length > MaxDocumentLength)
            {
                errors.Add(new UserError(ErrorCodes.TooLong, $"A document may have at most {MaxDocumentLength} characters.", field));
                continue;
            }

            try
            {
                GraphQLParser.Parser.Parse(documents[i]);
            }
            catch (GraphQLParserException)
            {
                errors.Add(new UserError(ErrorCodes.Invalid, "The document is not valid GraphQL.", field));
            }
        }

        var (application, _) = await ManagedClients.FindAsync(applications, input.ClientId, cancellationToken);
        if (application is null)
        {
            errors.Add(UserError.NotFound("A dashboard or importer client with this id", "input", "clientId"));
        }

        if (errors.Count > 0)
        {
            return Payload<TrustedDocumentsView>.Failure([.. errors]);
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application!, cancellationToken);
        var current = ClientTrustedDocuments.Read(descriptor.Properties);
        var stored = new Dictionary<string, string>(current.Documents, StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var document in documents)
        {
            var id = TrustedDocumentIds.Of(document);
            stored[id] = document;
            ids.Add(id);
        }

        var only = input.TrustedDocumentsOnly ?? current.Only;
        descriptor.Properties[ClientKinds.PropertyTrustedDocuments] = JsonSerializer.SerializeToElement(stored);
        descriptor.Properties[ClientKinds.PropertyTrustedDocumentsOnly] = JsonSerializer.SerializeToElement(only);
        await applications.UpdateAsync(application!, descriptor, cancellationToken);
        remembered.Forget(input.ClientId!);
        return Payload<TrustedDocumentsView>.Success(new TrustedDocumentsView(input.ClientId!, ids, only));
    }
}

internal sealed class RegisterTrustedDocumentsMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RegisterTrustedDocumentsPayloadType>>("registerTrustedDocuments")
            .Description("Registers operations a dashboard or importer calls by id over GET (cacheable, answering 304 when unchanged), and optionally limits it to them (city centre only).")
            .AuthorizeWithPolicy(AccessPolicies.Admin)
            .Argument<NonNullGraphType<RegisterTrustedDocumentsInputType>>("input")
            .ResolveAsync(async context => await RegisterTrustedDocumentsHandler.HandleAsync(
                context.GetArgument<RegisterTrustedDocumentsInput>("input"),
                context.RequestServices!.GetRequiredService<IOpenIddictApplicationManager>(),
                context.RequestServices!.GetRequiredService<ClientTrustedDocuments>(),
                context.CancellationToken));
}
