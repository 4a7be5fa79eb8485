using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Stands in for OpenIddict's <see cref="ValidateReferenceTokenIdentifier"/>, which takes the token manager in its
/// constructor: the dispatcher built that manager (and the identity DbContext under it) for every request, only for
/// the step to see a JWT and return. This one looks at the token first and asks the request's services for the manager
/// only when the token is not a JWT, then lets OpenIddict's own step look the reference up.
/// </summary>
/// <remarks>
/// This platform issues JWT access tokens, so the lookup does not happen today; the step is kept (not removed) so that
/// a reference token, should the server be configured to issue them, is still resolved the way OpenIddict does it.
/// </remarks>
internal sealed class ReferenceTokenLookup(IServiceProvider requestServices) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<OpenIddictValidationHandlerFilters.RequireTokenEntryValidationEnabled>()
            .UseScopedHandler<ReferenceTokenLookup>()
            .SetOrder(ValidateReferenceTokenIdentifier.Descriptor.Order)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public static OpenIddictValidationHandlerDescriptor Replaced => ValidateReferenceTokenIdentifier.Descriptor;

    public ValueTask HandleAsync(ValidateTokenContext context) =>
        context.SecurityTokenHandler.CanReadToken(context.Token)
            ? ValueTask.CompletedTask
            : new ValidateReferenceTokenIdentifier(requestServices.GetRequiredService<IOpenIddictTokenManager>()).HandleAsync(context);
}
