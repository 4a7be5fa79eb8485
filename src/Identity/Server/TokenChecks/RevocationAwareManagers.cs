using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// OpenIddict's token manager, telling <see cref="ValidatedTokenEntries"/> whenever this host revokes a token, so a
/// remembered check never outlives a revocation made here: the revocation endpoint, a refresh token's replay, a disabled
/// person, a revoked client all come through these methods.
/// </summary>
internal sealed class RevocationAwareTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache,
    ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<TToken> store,
    ValidatedTokenEntries remembered) : OpenIddictTokenManager<TToken>(cache, logger, options, store)
    where TToken : class
{
    public override async ValueTask<bool> TryRevokeAsync(TToken token, CancellationToken cancellationToken = default)
    {
        var revoked = await base.TryRevokeAsync(token, cancellationToken);
        await ForgetAsync(token, cancellationToken);
        return revoked;
    }

    public override async ValueTask<bool> TryRejectAsync(TToken token, CancellationToken cancellationToken = default)
    {
        var rejected = await base.TryRejectAsync(token, cancellationToken);
        await ForgetAsync(token, cancellationToken);
        return rejected;
    }

    public override async ValueTask UpdateAsync(TToken token, CancellationToken cancellationToken = default)
    {
        await base.UpdateAsync(token, cancellationToken);
        if (!await HasStatusAsync(token, Statuses.Valid, cancellationToken))
        {
            await ForgetAsync(token, cancellationToken);
        }
    }

    public override async ValueTask DeleteAsync(TToken token, CancellationToken cancellationToken = default)
    {
        var id = await GetIdAsync(token, cancellationToken);
        await base.DeleteAsync(token, cancellationToken);
        if (!string.IsNullOrEmpty(id))
        {
            remembered.Forget(id);
        }
    }

    public override ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeAsync(subject, client, status, type, cancellationToken));

    public override ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeByApplicationIdAsync(identifier, cancellationToken));

    public override ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeByAuthorizationIdAsync(identifier, cancellationToken));

    public override ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeBySubjectAsync(subject, cancellationToken));

    private async ValueTask ForgetAsync(TToken token, CancellationToken cancellationToken)
    {
        if (await GetIdAsync(token, cancellationToken) is { Length: > 0 } id)
        {
            remembered.Forget(id);
        }
    }

    private async ValueTask<long> ForgettingAll(ValueTask<long> revocation)
    {
        try
        {
            return await revocation;
        }
        finally
        {
            remembered.ForgetAll(); // also when it failed half-way: some rows may have changed
        }
    }
}

/// <summary>OpenIddict's authorization manager, forgetting remembered token checks whenever this host revokes an authorization.</summary>
internal sealed class RevocationAwareAuthorizationManager<TAuthorization>(
    IOpenIddictAuthorizationCache<TAuthorization> cache,
    ILogger<OpenIddictAuthorizationManager<TAuthorization>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictAuthorizationStore<TAuthorization> store,
    ValidatedTokenEntries remembered) : OpenIddictAuthorizationManager<TAuthorization>(cache, logger, options, store)
    where TAuthorization : class
{
    public override async ValueTask<bool> TryRevokeAsync(TAuthorization authorization, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.TryRevokeAsync(authorization, cancellationToken);
        }
        finally
        {
            remembered.ForgetAll();
        }
    }

    public override async ValueTask UpdateAsync(TAuthorization authorization, CancellationToken cancellationToken = default)
    {
        await base.UpdateAsync(authorization, cancellationToken);
        if (!await HasStatusAsync(authorization, Statuses.Valid, cancellationToken))
        {
            remembered.ForgetAll();
        }
    }

    public override async ValueTask DeleteAsync(TAuthorization authorization, CancellationToken cancellationToken = default)
    {
        try
        {
            await base.DeleteAsync(authorization, cancellationToken);
        }
        finally
        {
            remembered.ForgetAll();
        }
    }

    public override ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeAsync(subject, client, status, type, cancellationToken));

    public override ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeByApplicationIdAsync(identifier, cancellationToken));

    public override ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default) =>
        ForgettingAll(base.RevokeBySubjectAsync(subject, cancellationToken));

    private async ValueTask<long> ForgettingAll(ValueTask<long> revocation)
    {
        try
        {
            return await revocation;
        }
        finally
        {
            remembered.ForgetAll();
        }
    }
}
