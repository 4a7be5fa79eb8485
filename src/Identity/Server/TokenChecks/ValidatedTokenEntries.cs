namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Access-token entries this host has found valid in the database, remembered for <see cref="Lifetime"/> so a request
/// need not read its token's entry and authorization again (ADR 0008). What this host revokes is forgotten at once;
/// a revocation made by another host is seen here when the remembered entry lapses, within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ValidatedTokenEntries(PlatformIdentityOptions options, TimeProvider clock)
{
    private readonly LapsingMemory<RememberedTokenEntry> _entries = new(clock);
    private long _forgets;
    private long _forgotAllAt;

    public TimeSpan Lifetime => options.TokenEntryCacheLifetime;

    /// <summary>
    /// Taken before the database is read: an entry read before a later forget must not be remembered, or a token
    /// revoked while its check was under way would come back to life.
    /// </summary>
    public long Version => Interlocked.Read(ref _forgets);

    public RememberedTokenEntry? Recall(string tokenId) =>
        _entries.Recall(tokenId) is { } entry && entry.Version >= Interlocked.Read(ref _forgotAllAt) ? entry : null;

    public void Remember(string tokenId, RememberedTokenEntry entry)
    {
        if (Lifetime <= TimeSpan.Zero || entry.Version != Version)
        {
            return;
        }

        _entries.Remember(tokenId, entry, Lifetime);
        if (entry.Version != Version)
        {
            _entries.Forget(tokenId); // a forget ran meanwhile and may have missed this entry
        }
    }

    /// <summary>One token was revoked (or otherwise stopped being valid) by this host.</summary>
    public void Forget(string tokenId)
    {
        Interlocked.Increment(ref _forgets);
        _entries.Forget(tokenId);
    }

    /// <summary>Tokens were revoked in bulk (a person, a client, an authorization): which ones is known only to the database.</summary>
    public void ForgetAll()
    {
        Interlocked.Exchange(ref _forgotAllAt, Interlocked.Increment(ref _forgets));
        _entries.ForgetAll();
    }
}

/// <summary>What the token's stored entry said when it was read (<see cref="Version"/>: the forgets counted before).</summary>
internal sealed record RememberedTokenEntry(
    long Version,
    DateTimeOffset? CreationDate,
    DateTimeOffset? ExpirationDate,
    string? AuthorizationId,
    string? TokenType);
