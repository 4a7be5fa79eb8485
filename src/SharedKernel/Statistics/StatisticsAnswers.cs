using System.Collections.Concurrent;
using System.Threading.Channels;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Statistics sections computed once per version of their park's data in their module (ADRs 0037, 0041). Dashboards ask
/// the same question every few seconds; between two writes of a module in a park its section's answer for that park
/// cannot change, so each answer is kept with the data version it was computed from and given again while the version
/// (one primary-key range read for every key asked) is unchanged. A write on any host changes the versions of the parks
/// it wrote (or of every park, when it did not name them) in its own transaction, so no host gives an answer older than
/// the last commit it can see. Answers depend on the day too (expiring certificates, default ranges), which is part of
/// their key. An answer a request of this host is already computing at the same version is awaited rather than computed
/// again. After a write, of this host or of another seen in the stamps (ADR 0043), the answers of the parks it wrote that
/// dashboards asked for lately are computed again in the background (ADR 0042), so that the next poll finds them kept.
/// </summary>
public sealed class StatisticsAnswers : IDisposable
{
    /// <summary>How many section answers one host keeps (each is a park's, or the city's, for one range and caller kind).</summary>
    public const int Capacity = 4_000;

    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The answers being computed on this host, by section, day, key and data version.</summary>
    private readonly ConcurrentDictionary<(string Section, DateOnly Today, object Key, DataVersion Version), Task> _computing = new();

    /// <summary>
    /// How lately a park's answer must have been asked for to be computed again after a write (ADR 0042): dashboards
    /// poll every few seconds; an answer nobody asks any more is computed when it is asked.
    /// </summary>
    public static readonly TimeSpan RefreshWhileAskedWithin = TimeSpan.FromMinutes(1);

    /// <summary>Sections computed again at once in a pass: two, as a request computes its sections side by side (ADR 0034).</summary>
    private const int RefreshesAtOnce = 2;

    /// <summary>The answers asked for lately, each with how to compute it again: parks' only (the city's costs a second).</summary>
    private readonly ConcurrentDictionary<(string Section, DateOnly Today, object Key), Refresh> _refreshes = new();

    /// <summary>The modules and parks this host's writes changed, since the last refresh.</summary>
    private readonly Channel<(string Module, IReadOnlyCollection<Guid> Parks, bool EveryPark)> _changes =
        Channel.CreateUnbounded<(string, IReadOnlyCollection<Guid>, bool)>(); // not SingleReader: that reader cannot count

    private int _refreshing;

    /// <summary>The stamps read last by <see cref="NoteStamps"/> (one reader: the refresher).</summary>
    private Dictionary<(string Module, string Scope), long>? _stampsSeen;

    private long _stampReads;

    /// <summary>
    /// The answers for <paramref name="keys"/>: those computed at their park's current data version as they were, the
    /// others from <paramref name="compute"/> (asked only for them) and kept. <paramref name="parkOf"/> says whose data a
    /// key's answer is computed from: a park's, or <see cref="StatisticsScope.WholeCity"/>'s.
    /// </summary>
    public async Task<IReadOnlyDictionary<TKey, TValue>> LoadAsync<TKey, TValue>(
        ModuleDbContext db,
        string section,
        DateOnly today,
        IReadOnlyCollection<TKey> keys,
        Func<TKey, Guid> parkOf,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> compute,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(parkOf);
        ArgumentNullException.ThrowIfNull(compute);
        var versionOf = await DataVersions.ReadAsync(db, [.. keys.Select(parkOf).Distinct()], cancellationToken);
        var versions = keys.Distinct().ToDictionary(key => key, key => versionOf(parkOf(key)));
        var answers = new Dictionary<TKey, TValue>(keys.Count);
        var missing = new List<TKey>();
        foreach (var key in keys)
        {
            if (_answers.TryGetValue((section, today, key), out var kept) && kept is Answer<TValue> answer && answer.Version == versions[key])
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

        // An answer another request of this host is computing at this version is awaited, not computed twice: dashboards
        // of one park polling after a write ask the same question at about the same time.
        var awaited = new List<(TKey Key, Task<TValue> Answer)>();
        var mine = new Dictionary<TKey, TaskCompletionSource<TValue>>();
        foreach (var key in missing)
        {
            var promise = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            var computing = _computing.GetOrAdd((section, today, key, versions[key]), promise.Task);
            if (computing == promise.Task)
            {
                mine[key] = promise;
            }
            else
            {
                awaited.Add((key, (Task<TValue>)computing));
            }
        }

        if (mine.Count > 0)
        {
            await ComputeAsync(section, today, versions, mine, compute, answers, cancellationToken);
        }

        var lost = new List<TKey>();
        foreach (var (key, answer) in awaited)
        {
            try
            {
                answers[key] = await answer.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                lost.Add(key); // the other request failed or was cancelled: this one computes it itself
            }
        }

        if (lost.Count > 0)
        {
            foreach (var (key, value) in await compute(lost, cancellationToken))
            {
                answers[key] = Keep(section, today, key, versions[key], value);
            }
        }

        return answers;
    }

    private async Task ComputeAsync<TKey, TValue>(
        string section,
        DateOnly today,
        Dictionary<TKey, DataVersion> versions,
        Dictionary<TKey, TaskCompletionSource<TValue>> mine,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> compute,
        Dictionary<TKey, TValue> answers,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        try
        {
            foreach (var (key, value) in await compute(mine.Keys, cancellationToken))
            {
                answers[key] = Keep(section, today, key, versions[key], value);
                if (mine.TryGetValue(key, out var promise))
                {
                    promise.TrySetResult(value);
                }
            }

            foreach (var promise in mine.Values.Where(p => !p.Task.IsCompleted))
            {
                promise.TrySetException(new InvalidOperationException($"The statistics section {section} gave no answer for a key it was asked."));
                _ = promise.Task.Exception;
            }
        }
        catch (Exception failure)
        {
            foreach (var promise in mine.Values)
            {
                // Marked observed: with no other request awaiting it, the failure is this request's alone.
                promise.TrySetException(failure);
                _ = promise.Task.Exception;
            }

            throw;
        }
        finally
        {
            foreach (var key in mine.Keys)
            {
                _computing.TryRemove((section, today, key, versions[key]), out _);
            }
        }
    }

    /// <summary>
    /// Records that a park's answer was asked for, with how to compute it again (<paramref name="refresh"/>, in a scope
    /// of its own). The city's answers are not computed ahead: they read every park, and the centre asks them seldom.
    /// </summary>
    public void Asked<TKey>(string section, DateOnly today, TKey key, string module, Guid park, Func<IReadOnlyCollection<TKey>, CancellationToken, Task> refresh)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (park == StatisticsScope.WholeCity)
        {
            return;
        }

        var asked = _refreshes.GetOrAdd((section, today, key), _ => new Refresh(key, module, park, (keys, ct) => refresh([.. keys.Cast<TKey>()], ct)));
        asked.LastAskedMs = Environment.TickCount64;
        if (_refreshes.Count > Capacity)
        {
            Forget(AskedLatelySince());
        }
    }

    /// <summary>A write committed (this host's, or another's seen in the stamps): the module's answers of <paramref name="parks"/> (or of every park) are to be computed again.</summary>
    internal void Changed(string module, IReadOnlyCollection<Guid> parks, bool everyPark) =>
        _changes.Writer.TryWrite((module, parks, everyPark));

    /// <summary>Whether changes are waiting to be refreshed, or being refreshed (for tests and benchmarks that wait for it).</summary>
    public bool Refreshing => _changes.Reader.Count > 0 || Volatile.Read(ref _refreshing) > 0;

    /// <summary>Whether any park's answer was asked for lately: only then are other hosts' writes worth noticing.</summary>
    internal bool AnyAsked
    {
        get
        {
            var lately = AskedLatelySince();
            return _refreshes.Values.Any(r => r.LastAskedMs >= lately); // a host that was asked once and never again stops reading
        }
    }

    /// <summary>How many times this host compared the stamps with the last ones it read (for tests that wait for it).</summary>
    public long StampReads => Interlocked.Read(ref _stampReads);

    /// <summary>
    /// Compares every stamp just read with those read last time (ADR 0043): a park whose stamp changed was written, on
    /// this host or another, and its answers asked lately are to be computed again; a changed not-named stamp concerns
    /// every park. This host's own writes come here a second time, and then find their answers kept at the version
    /// they read. The first read only remembers.
    /// </summary>
    internal void NoteStamps(IReadOnlyCollection<(string Module, string Scope, long Stamp)> stamps)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        var now = stamps.ToDictionary(s => (s.Module, s.Scope), s => s.Stamp);
        if (_stampsSeen is { } seen)
        {
            foreach (var ((module, scope), stamp) in now)
            {
                if (seen.TryGetValue((module, scope), out var before) && before == stamp)
                {
                    continue;
                }

                if (DataVersions.ParkOfScope(scope) is { } park)
                {
                    Changed(module, [park], everyPark: false);
                }
                else if (scope == DataVersions.ParksNotNamed)
                {
                    Changed(module, [], everyPark: true);
                }
            }
        }

        _stampsSeen = now;
        Interlocked.Increment(ref _stampReads);
    }

    /// <summary>Waits until a write has committed since the last refresh (this host's, or another's seen in the stamps).</summary>
    internal ValueTask<bool> ChangedAsync(CancellationToken cancellationToken) => _changes.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>
    /// Computes again, two sections at a time, the answers asked for lately of the parks written since the last call (the
    /// keys of one section at once, as a request asking for them together would); a section failing is reported through
    /// <paramref name="failed"/> and the others go on. Returns how many answers were computed.
    /// </summary>
    public async Task<int> RefreshChangedAsync(Action<Exception>? failed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshing);
        try
        {
            var everyPark = new HashSet<string>(StringComparer.Ordinal);
            var parks = new HashSet<(string Module, Guid Park)>();
            while (_changes.Reader.TryRead(out var change))
            {
                if (change.EveryPark)
                {
                    everyPark.Add(change.Module);
                }

                parks.UnionWith(change.Parks.Select(p => (change.Module, p)));
            }

            var lately = AskedLatelySince();
            Forget(lately);
            var due = _refreshes
                .Where(r => r.Value.LastAskedMs >= lately && (everyPark.Contains(r.Value.Module) || parks.Contains((r.Value.Module, r.Value.Park))))
                .GroupBy(r => (r.Key.Section, r.Key.Today), r => r.Value)
                .ToList();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = RefreshesAtOnce, CancellationToken = cancellationToken }, async (section, ct) =>
            {
                try
                {
                    await section.First().Run([.. section.Select(r => r.Key)], ct);
                }
                catch (Exception failure) when (!ct.IsCancellationRequested)
                {
                    failed?.Invoke(failure);
                }
            });

            return due.Sum(section => section.Count());
        }
        finally
        {
            Interlocked.Decrement(ref _refreshing);
        }
    }

    public void Dispose() => _answers.Dispose();

    /// <summary>The tick from which an answer asked counts as asked lately (<see cref="RefreshWhileAskedWithin"/>).</summary>
    private static long AskedLatelySince() => Environment.TickCount64 - (long)RefreshWhileAskedWithin.TotalMilliseconds;

    private void Forget(long askedBefore)
    {
        foreach (var (key, refresh) in _refreshes)
        {
            if (refresh.LastAskedMs < askedBefore)
            {
                _refreshes.TryRemove(key, out _);
            }
        }
    }

    private TValue Keep<TKey, TValue>(string section, DateOnly today, TKey key, DataVersion version, TValue value)
        where TKey : notnull =>
        _answers.Set((section, today, key), new Answer<TValue>(version, value), Kept).Value;

    private sealed record Answer<TValue>(DataVersion Version, TValue Value);

    private sealed class Refresh(object key, string module, Guid park, Func<IEnumerable<object>, CancellationToken, Task> run)
    {
        public object Key { get; } = key;

        public string Module { get; } = module;

        public Guid Park { get; } = park;

        public Func<IEnumerable<object>, CancellationToken, Task> Run { get; } = run;

        public long LastAskedMs { get; set; }
    }
}

public static class StatisticsSectionLoaders
{
    /// <summary>
    /// A module's statistics section for this request: computed concurrently with the other sections in a scope of its
    /// own (ADR 0034), and given from <see cref="StatisticsAnswers"/> while the park's data in the module has not changed
    /// (ADRs 0037, 0041). <paramref name="parkOf"/> says which park a key is about (or <see cref="StatisticsScope.WholeCity"/>);
    /// <paramref name="compute"/> gets the module's context of that scope, the scope, and the keys not yet answered.
    /// </summary>
    public static BatchLoader<TKey, TValue> StatisticsSection<TContext, TKey, TValue>(
        this RequestDataLoaders loaders,
        string name,
        DateOnly today,
        Func<TKey, Guid> parkOf,
        Func<TContext, IServiceProvider, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> compute)
        where TContext : ModuleDbContext
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(loaders);
        ArgumentNullException.ThrowIfNull(parkOf);
        var module = TablePrefixAttribute.Of(typeof(TContext));
        return loaders.Concurrent<TKey, TValue>(name, (scope, keys, cancellationToken) =>
        {
            var db = scope.GetRequiredService<TContext>();
            var answers = scope.GetRequiredService<StatisticsAnswers>();
            var scopes = scope.GetRequiredService<IServiceScopeFactory>();
            foreach (var key in keys)
            {
                // Computed again after a write in the key's park, in a scope of its own, as this request computes it.
                answers.Asked(name, today, key, module, parkOf(key), async (due, ct) =>
                {
                    await using var refresh = scopes.CreateAsyncScope();
                    var context = refresh.ServiceProvider.GetRequiredService<TContext>();
                    await answers.LoadAsync(context, name, today, due, parkOf, (missing, c) => compute(context, refresh.ServiceProvider, missing, c), ct);
                });
            }

            return answers.LoadAsync(db, name, today, keys, parkOf, (missing, ct) => compute(db, scope, missing, ct), cancellationToken);
        });
    }
}
