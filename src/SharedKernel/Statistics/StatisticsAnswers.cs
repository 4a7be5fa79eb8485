using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Statistics sections computed once per version of their module's data (ADR 0037). Dashboards ask the same question
/// every few seconds; between two writes of a module its section's answer cannot change, so each answer is kept with
/// the data version it was computed from and given again while the version (one primary-key read) is unchanged. A write
/// on any host changes the version in its own transaction, so no host gives an answer older than the last commit it can
/// see. Answers depend on the day too (expiring certificates, default ranges), which is part of their key.
/// </summary>
public sealed class StatisticsAnswers : IDisposable
{
    /// <summary>How many section answers one host keeps (each is a park's, or the city's, for one range and caller kind).</summary>
    public const int Capacity = 4_000;

    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>
    /// The answers for <paramref name="keys"/>: those computed at the module's current data version as they were,
    /// the others from <paramref name="compute"/> (asked only for them) and kept.
    /// </summary>
    public async Task<IReadOnlyDictionary<TKey, TValue>> LoadAsync<TKey, TValue>(
        ModuleDbContext db,
        string section,
        DateOnly today,
        IReadOnlyCollection<TKey> keys,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> compute,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        var version = await DataVersions.ReadAsync(db, cancellationToken);
        var answers = new Dictionary<TKey, TValue>(keys.Count);
        var missing = new List<TKey>();
        foreach (var key in keys)
        {
            if (_answers.TryGetValue((section, today, key), out var kept) && kept is Answer<TValue> answer && answer.Version == version)
            {
                answers[key] = answer.Value;
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count == 0)
        {
            return answers;
        }

        foreach (var (key, value) in await compute(missing, cancellationToken))
        {
            answers[key] = value;
            _answers.Set((section, today, key), new Answer<TValue>(version, value), Kept);
        }

        return answers;
    }

    public void Dispose() => _answers.Dispose();

    private sealed record Answer<TValue>(long Version, TValue Value);
}

public static class StatisticsSectionLoaders
{
    /// <summary>
    /// A module's statistics section for this request: computed concurrently with the other sections in a scope of its
    /// own (ADR 0034), and given from <see cref="StatisticsAnswers"/> while the module's data has not changed (ADR 0037).
    /// <paramref name="compute"/> gets the module's context of that scope, the scope, and the keys not yet answered.
    /// </summary>
    public static BatchLoader<TKey, TValue> StatisticsSection<TContext, TKey, TValue>(
        this RequestDataLoaders loaders,
        string name,
        DateOnly today,
        Func<TContext, IServiceProvider, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> compute)
        where TContext : ModuleDbContext
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(loaders);
        return loaders.Concurrent<TKey, TValue>(name, (scope, keys, cancellationToken) =>
        {
            var db = scope.GetRequiredService<TContext>();
            return scope.GetRequiredService<StatisticsAnswers>().LoadAsync(db, name, today, keys, (missing, ct) => compute(db, scope, missing, ct), cancellationToken);
        });
    }
}
