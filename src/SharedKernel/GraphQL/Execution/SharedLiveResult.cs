using System.Collections.Concurrent;
using GraphQL;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// One subscriber's copy of a result executed once for every subscriber with the same row scope and document
/// (ADR 0026). The copies differ in nothing a client sees, so a transport writes the shared <see cref="Frame"/> once
/// and sends the same bytes to each of them instead of serializing the same result a thousand times.
/// </summary>
public sealed class SharedLiveResult : ExecutionResult
{
    internal SharedLiveResult(ExecutionResult executed, SharedFrame frame)
        : base(executed) => Frame = frame;

    /// <summary>The transport's encoding of this result, made by the first subscriber to send it.</summary>
    public SharedFrame Frame { get; }
}

/// <summary>
/// Encodings of a shared result made once per transport (SSE and WebSocket subscribers may share one result); a race
/// makes one twice, equal: harmless.
/// </summary>
public sealed class SharedFrame
{
    private readonly ConcurrentDictionary<string, object> _encodings = new(StringComparer.Ordinal);

    public T GetOrMake<T>(string transport, Func<T> make)
        where T : class => (T)_encodings.GetOrAdd(transport, _ => make());
}
