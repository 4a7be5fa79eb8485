using System.Collections.Concurrent;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Access-token entries this host has found valid in the database, remembered for <see cref="Lifetime"/> so a request
/// need not read its token's entry and authorization again (ADR 0008). What this host revokes is forgotten at once;
/// a revocation made by another host is seen here when the remembered entry lapses, within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ValidatedTokenEntries(PlatformIdentityOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RememberedTokenEntry> _entries = new(StringComparer.Ordinal);
    private long _forgets;
    private long _forgotAllAt;
    private long _lastSweep;

    public TimeSpan Lifetime => options.TokenEntryCacheLifetime;

    /// <summary>
    /// Taken before the database is read: an entry read before a later forget must not be remembered, or a token
    /// revoked while its check was under way would come back to life.
    /// </summary>
    public long Version => Interlocked.Read(ref _forgets);

    public RememberedTokenEntry? Recall(string tokenId) =>
        _entries.TryGetValue(tokenId, out var entry) && entry.Until > clock.GetUtcNow() && entry.Version >= Interlocked.Read(ref _forgotAllAt)
            ? entry
            : null;

    public void Remember(string tokenId, RememberedTokenEntry entry)
    {
        if (Lifetime <= TimeSpan.Zero || entry.Version != Version)
        {
            return;
        }

        _entries[tokenId] = entry;
        if (entry.Version != Version)
        {
            _entries.TryRemove(KeyValuePair.Create(tokenId, entry)); // a forget ran meanwhile: it may have missed this entry
        }

        SweepNowAndThen();
    }

    /// <summary>One token was revoked (or otherwise stopped being valid) by this host.</summary>
    public void Forget(string tokenId)
    {
        Interlocked.Increment(ref _forgets);
        _entries.TryRemove(tokenId, out _);
    }

    /// <summary>Tokens were revoked in bulk (a person, a client, an authorization): which ones is known only to the database.</summary>
    public void ForgetAll()
    {
        Interlocked.Exchange(ref _forgotAllAt, Interlocked.Increment(ref _forgets));
        _entries.Clear();
    }

    public RememberedTokenEntry Entry(long version, DateTimeOffset? created, DateTimeOffset? expires, string? authorizationId, string? tokenType) =>
        new(version, clock.GetUtcNow() + Lifetime, created, expires, authorizationId, tokenType);

    /// <summary>Drops lapsed entries about once a lifetime, so the memory holds only tokens used lately.</summary>
    private void SweepNowAndThen()
    {
        var now = clock.GetUtcNow();
        var last = Interlocked.Read(ref _lastSweep);
        if (now.UtcTicks - last < Lifetime.Ticks || Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) != last)
        {
            return;
        }

        var forgotAllAt = Interlocked.Read(ref _forgotAllAt);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Until <= now || entry.Version < forgotAllAt)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}

/// <summary>What the token's stored entry said when it was last read, and until when this host believes it.</summary>
internal sealed record RememberedTokenEntry(
    long Version,
    DateTimeOffset Until,
    DateTimeOffset? CreationDate,
    DateTimeOffset? ExpirationDate,
    string? AuthorizationId,
    string? TokenType);
