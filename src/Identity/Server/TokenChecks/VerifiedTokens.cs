using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Access tokens whose signature this host verified and whose encryption it removed a moment ago, by the SHA-256 of the
/// token's text, with the principal they yielded. The same text presented again skips that RSA work (most of what a
/// token check costs once its entry is remembered) and gets a copy of the principal; every other check (type, expiry,
/// presenters, audience, the stored entry) still runs on it. Remembered as long as token entries are.
/// </summary>
internal sealed class VerifiedTokens(PlatformIdentityOptions options, TimeProvider clock)
{
    private const string KeyProperty = ".ipshield.verified-token-key";

    private readonly LapsingMemory<ClaimsPrincipal> _principals = new(clock);

    /// <summary>Both steps: one before OpenIddict verifies the token (which skips a token that already has a principal), one after.</summary>
    public static IEnumerable<OpenIddictValidationHandlerDescriptor> Descriptors =>
    [
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RecallVerifiedToken>()
            .SetOrder(ValidateIdentityModelToken.Descriptor.Order - 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build(),
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RememberVerifiedToken>()
            .SetOrder(ValidateIdentityModelToken.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build(),
    ];

    internal sealed class RecallVerifiedToken(VerifiedTokens verified) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is null && !string.IsNullOrEmpty(context.Token) && verified.Lifetime > TimeSpan.Zero)
            {
                var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.Token)));
                context.Principal = verified._principals.Recall(key) is { } remembered ? Copy(remembered) : null;
                if (context.Principal is null)
                {
                    context.Transaction.Properties[KeyProperty] = key;
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    internal sealed class RememberVerifiedToken(VerifiedTokens verified) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Transaction.Properties.Remove(KeyProperty, out var key) && key is string text && context.Principal is { } principal)
            {
                verified._principals.Remember(text, Copy(principal), verified.Lifetime);
            }

            return ValueTask.CompletedTask;
        }
    }

    private TimeSpan Lifetime => options.TokenEntryCacheLifetime;

    /// <summary>
    /// Identities and claims copied, since later steps change them (ClaimsPrincipal.Clone would share the identities
    /// between concurrent requests).
    /// </summary>
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal) => new(principal.Identities.Select(identity => identity.Clone()));
}
