using System.Collections.Concurrent;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>How much query cost a machine client may spend; a client's own budget comes with its token.</summary>
public sealed class CostBudgetOptions
{
    /// <summary>The cost a client may spend per minute when its registration names no budget of its own.</summary>
    public int DefaultCostPerMinute { get; set; } = 100_000;
}

/// <summary>The outcome of charging one operation to a client's budget.</summary>
public sealed record BudgetCharge(bool Allowed, int PerMinute, double Remaining, TimeSpan RetryAfter);

/// <summary>
/// A token bucket per machine client: it holds up to one minute of budget and refills continuously, so a dashboard can
/// poll steadily or burst up to its budget, and a client that spent it all learns exactly when it may try again. The
/// cost charged is the one the cost analyzer computes for every operation (ADR 0006). Kept per host in memory: with
/// two hosts behind a balancer a client may spend up to twice its budget, which bounds abuse without a shared store.
/// </summary>
public sealed class CostBudget(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public BudgetCharge Charge(string client, int perMinute, double cost)
    {
        var bucket = _buckets.GetOrAdd(client, _ => new Bucket(perMinute, time.GetUtcNow()));
        lock (bucket)
        {
            var now = time.GetUtcNow();
            var perSecond = perMinute / 60.0;
            bucket.Tokens = Math.Min(perMinute, bucket.Tokens + (Math.Max(0, (now - bucket.RefilledAt).TotalSeconds) * perSecond));
            bucket.RefilledAt = now;
            if (bucket.Tokens >= cost)
            {
                bucket.Tokens -= cost;
                return new BudgetCharge(true, perMinute, bucket.Tokens, TimeSpan.Zero);
            }

            // An operation costing more than a whole minute of budget can never run; it is told to wait a full minute.
            var missing = Math.Min(cost, perMinute) - bucket.Tokens;
            var wait = TimeSpan.FromSeconds(Math.Ceiling(missing / perSecond));
            return new BudgetCharge(false, perMinute, bucket.Tokens, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        }
    }

    private sealed class Bucket(int capacity, DateTimeOffset refilledAt)
    {
        public double Tokens { get; set; } = capacity;

        public DateTimeOffset RefilledAt { get; set; } = refilledAt;
    }
}
