namespace IpShield.SharedKernel.Webhooks;

/// <summary>Settings <c>Webhooks:*</c> (ADR 0024).</summary>
public sealed class WebhookOptions
{
    /// <summary>Whether this host fans events out and sends deliveries (registration works either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a host looks for new events and deliveries due.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Live events read per fan-out pass; deliveries claimed per sending pass.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>POSTs a host has in flight at once, so one slow receiver does not hold up the others.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Attempts before a delivery goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further one (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver has to answer; no answer counts as a failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long delivered events stay in the log (dead letters stay until replayed or the endpoint is deleted).</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Allows http:// to localhost and 127.0.0.1 (tests, development); every other URL must be https.</summary>
    public bool AllowLocalHttp { get; set; }

    public int MaxEndpointsPerClient { get; set; } = 10;

    /// <summary>How long a claimed delivery is this host's: longer than a POST may take, so no other host sends it meanwhile.</summary>
    internal TimeSpan Lease => Timeout + Timeout + TimeSpan.FromSeconds(5);
}
