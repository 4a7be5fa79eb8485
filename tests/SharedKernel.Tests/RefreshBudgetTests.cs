using IpShield.SharedKernel.Statistics;

namespace IpShield.SharedKernel.Tests;

/// <summary>How soon the background refresh (ADR 0042) may compute answers again after writes: at once after a quiet moment, never more than half the time.</summary>
public sealed class RefreshBudgetTests
{
    [Fact]
    public void After_a_quiet_moment_passes_run_back_to_back_until_the_burst_is_spent()
    {
        var budget = new RefreshBudget(nowMs: 0);

        // Staff write four modules of a park ~20 ms apart; each pass (a section or two) takes ~30 ms.
        var now = 1_000L;
        for (var pass = 0; pass < 4; pass++)
        {
            Assert.Equal(TimeSpan.Zero, budget.WaitBefore(now));
            now += 30;
            budget.Spent(now, TimeSpan.FromMilliseconds(30));
        }

        Assert.Equal(TimeSpan.Zero, budget.WaitBefore(now));
    }

    [Fact]
    public void Passes_that_keep_coming_wait_so_that_refreshes_take_half_of_the_time()
    {
        var budget = new RefreshBudget(nowMs: 0);
        var now = 0L;
        var refreshing = 0.0;
        // An import's writes never stop: a pass of 100 ms is due again as soon as the last one ends.
        for (var pass = 0; pass < 200; pass++)
        {
            now += (long)budget.WaitBefore(now).TotalMilliseconds;
            now += 100;
            refreshing += 100;
            budget.Spent(now, TimeSpan.FromMilliseconds(100));
        }

        // Over 200 passes, the burst a quiet host starts with is a rounding error: half of the time, within 1 %.
        Assert.InRange(refreshing / now, 0.49, 0.51);
    }

    [Fact]
    public void An_overdrawn_budget_says_how_long_until_it_is_back_to_zero()
    {
        var budget = new RefreshBudget(nowMs: 0);

        // One pass took 400 ms: the 250 ms burst is overdrawn by 150 ms, refilled at half a millisecond per millisecond.
        budget.Spent(400, TimeSpan.FromMilliseconds(400));

        // 400 ms of wall time passed during the pass and refilled 200 ms, capped by the burst: 250 - 400 = -150.
        Assert.Equal(TimeSpan.FromMilliseconds(300), budget.WaitBefore(400));
        Assert.Equal(TimeSpan.FromMilliseconds(100), budget.WaitBefore(600));
        Assert.Equal(TimeSpan.Zero, budget.WaitBefore(700));
    }
}
