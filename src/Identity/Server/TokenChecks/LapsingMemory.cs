using System.Collections.Concurrent;

namespace IpShield.Identity.Server.TokenChecks;

/// <summary>
/// Values remembered for a while by key, then forgotten. Lapsed values are dropped about once a lifetime, so the memory
/// holds only what was used lately.
/// </summary>
internal sealed class LapsingMemory<TValue>(TimeProvider clock)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Until)> _values = new(StringComparer.Ordinal);
    private long _lastSweep;

    public TValue? Recall(string key) =>
        _values.TryGetValue(key, out var remembered) && remembered.Until > clock.GetUtcNow() ? remembered.Value : null;

    public void Remember(string key, TValue value, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        _values[key] = (value, now + lifetime);
        var last = Interlocked.Read(ref _lastSweep);
        if (now.UtcTicks - last >= lifetime.Ticks && Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) == last)
        {
            foreach (var (lapsedKey, remembered) in _values)
            {
                if (remembered.Until <= now)
                {
                    _values.TryRemove(KeyValuePair.Create(lapsedKey, remembered));
                }
            }
        }
    }

    public void Forget(string key) => _values.TryRemove(key, out _);

    public void ForgetAll() => _values.Clear();
}
