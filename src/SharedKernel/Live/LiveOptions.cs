namespace IpShield.SharedKernel.Live;

public sealed class LiveOptions
{
    /// <summary>How often each host reads events other hosts appended; its own appends wake it at once.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long events are kept for clients that reconnect (<c>Last-Event-ID</c>).</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An SSE comment this often keeps proxies from closing a quiet stream.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events read per poll and per replay page.</summary>
    public int BatchSize { get; set; } = 500;
}
