using System.Collections.Concurrent;

namespace IpShield.SharedKernel.Live;

/// <summary>
/// Work on one live event that every subscriber with the same row scope would otherwise repeat: the row check of the
/// node it is about, and the executed result of the same subscription document (ADR 0026). The first subscriber to ask
/// runs it; the others await the same task. Entries of events long past are dropped; a subscriber catching up on them
/// just runs its own.
/// </summary>
public sealed class LiveSharedWork
{
    /// <summary>Events kept back from the newest asked for: subscribers more than this far behind work alone.</summary>
    private const long Window = 1_000;

    private readonly ConcurrentDictionary<(long Seq, string Key), Lazy<Task<object?>>> _work = new();
    private long _newest;

    public async Task<object?> GetOrRunAsync(long seq, string key, Func<Task<object?>> run)
    {
        if (seq > Interlocked.Read(ref _newest))
        {
            Interlocked.Exchange(ref _newest, seq);
            Forget(seq - Window);
        }

        var entry = (seq, key);
        var work = _work.GetOrAdd(entry, _ => new Lazy<Task<object?>>(run, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await work.Value;
        }
        catch
        {
            // A failure is not shared: the next subscriber runs the work again rather than inherit this error.
            _work.TryRemove(new KeyValuePair<(long, string), Lazy<Task<object?>>>(entry, work));
            throw;
        }
    }

    private void Forget(long before)
    {
        foreach (var key in _work.Keys)
        {
            if (key.Seq < before)
            {
                _work.TryRemove(key, out _);
            }
        }
    }
}
