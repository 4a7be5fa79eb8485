namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// How much of the host's time the background refresh may take (ADR 0042, amended): half of it over time, spent at once
/// after a quiet moment. The budget refills at half a millisecond per millisecond of wall time, up to
/// <see cref="Burst"/>; a pass costs its duration. A pass starts at once while the budget is not overdrawn, so the
/// answers of a park staff just wrote are computed again right after each write; under writes that keep coming (an
/// import, a busy park) a pass waits until the budget is back to zero, so refreshes never take more than half the time.
/// </summary>
internal sealed class RefreshBudget
{
    /// <summary>Refresh time a quiet host may spend at once: a few passes of every section of a park.</summary>
    public static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(250);

    /// <summary>The share of wall time refreshes may take over time.</summary>
    public const double Share = 0.5;

    private double _budgetMs = Burst.TotalMilliseconds;
    private long _atMs;

    public RefreshBudget(long nowMs) => _atMs = nowMs;

    /// <summary>How long the next pass must wait at <paramref name="nowMs"/>: zero unless earlier passes overdrew the budget.</summary>
    public TimeSpan WaitBefore(long nowMs)
    {
        Refill(nowMs);
        return _budgetMs >= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(-_budgetMs / Share));
    }

    /// <summary>A pass that ended at <paramref name="nowMs"/> took <paramref name="pass"/>.</summary>
    public void Spent(long nowMs, TimeSpan pass)
    {
        Refill(nowMs);
        _budgetMs -= pass.TotalMilliseconds;
    }

    private void Refill(long nowMs)
    {
        _budgetMs = Math.Min(Burst.TotalMilliseconds, _budgetMs + (Math.Max(0, nowMs - _atMs) * Share));
        _atMs = Math.Max(_atMs, nowMs);
    }
}
