namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>The host's clock in tests: real time plus an offset a test can move forward (token expiry without waiting).</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
