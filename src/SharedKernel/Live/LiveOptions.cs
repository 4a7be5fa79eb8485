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

    /// <summary>
    /// Results a subscription may have waiting for a slow client before its stream ends with SLOW_SUBSCRIBER (the client
    /// resumes from its last event id): a stalled client must not hold a host's memory without bound.
    /// </summary>
    public int MaxQueuedPerSubscription { get; set; } = 1000;

    /// <summary>How long a WebSocket may stay open without <c>connection_init</c> (graphql-transport-ws closes it with 4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events read per poll and per replay page.</summary>
    public int BatchSize { get; set; } = 500;
}
