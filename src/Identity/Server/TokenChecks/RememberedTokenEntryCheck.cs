using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Stands in for OpenIddict's three stored-entry steps (restore the token entry's properties, check the token entry,
/// check the authorization entry): when this host found the entry valid a moment ago it says so from memory; otherwise
/// OpenIddict's own steps read the database and a valid answer is remembered (<see cref="ValidatedTokenEntries"/>).
/// </summary>
/// <remarks>
/// The request's services are asked for OpenIddict's managers only when the database must be read: on a remembered
/// entry no manager (nor its DbContext) is built.
/// </remarks>
internal sealed class RememberedTokenEntryCheck(ValidatedTokenEntries remembered, IServiceProvider requestServices) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    /// <summary>Takes the place of <see cref="RestoreTokenEntryProperties"/>, before expiry, presenters and audiences are checked.</summary>
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<OpenIddictValidationHandlerFilters.RequireTokenEntryValidationEnabled>()
            .UseScopedHandler<RememberedTokenEntryCheck>()
            .SetOrder(RestoreTokenEntryProperties.Descriptor.Order)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    /// <summary>The steps this one replaces; they stay available to it, not to the pipeline.</summary>
    public static IEnumerable<OpenIddictValidationHandlerDescriptor> Replaced =>
        [RestoreTokenEntryProperties.Descriptor, ValidateTokenEntry.Descriptor, ValidateAuthorizationEntry.Descriptor];

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        // A token without an entry id has no stored entry to check (OpenIddict's restore step lets it pass too).
        if (context.Principal?.GetTokenId() is not { Length: > 0 } tokenId)
        {
            return;
        }

        if (remembered.Recall(tokenId) is { } entry)
        {
            context.Principal
                .SetCreationDate(entry.CreationDate)
                .SetExpirationDate(entry.ExpirationDate)
                .SetAuthorizationId(context.AuthorizationId = entry.AuthorizationId)
                .SetTokenId(context.TokenId = tokenId)
                .SetTokenType(entry.TokenType);
            return;
        }

        var version = remembered.Version;
        var tokens = requestServices.GetRequiredService<IOpenIddictTokenManager>();
        await new RestoreTokenEntryProperties(tokens).HandleAsync(context);
        if (context.IsRejected || string.IsNullOrEmpty(context.TokenId))
        {
            return;
        }

        await new ValidateTokenEntry(tokens).HandleAsync(context);
        if (!context.IsRejected && context.Options.EnableAuthorizationEntryValidation && !string.IsNullOrEmpty(context.AuthorizationId))
        {
            await new ValidateAuthorizationEntry(requestServices.GetRequiredService<IOpenIddictAuthorizationManager>()).HandleAsync(context);
        }

        if (!context.IsRejected)
        {
            remembered.Remember(context.TokenId, new RememberedTokenEntry(
                version, context.Principal.GetCreationDate(), context.Principal.GetExpirationDate(), context.AuthorizationId, context.Principal.GetTokenType()));
        }
    }
}
