using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements the modules send while serving HTTP requests, so tests can prove batching.
/// Background work (the outbox relays) has no HTTP context, and identity's own statements (the bearer token's
/// entry and authorization checks, once per request) are not part of what a query costs: neither is counted.
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private int _count;

    public IHttpContextAccessor? Requests { get; set; }

    /// <summary>False to count background statements too (a Wolverine handler a request invoked may run off the request's context).</summary>
    public bool OnlyRequests { get; set; } = true;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void Tally(DbCommand command, CommandEventData eventData)
    {
        if ((Requests?.HttpContext is not null || (!OnlyRequests && !IsMessagingPlumbing(command))) && eventData.Context is not IpShield.Identity.Persistence.PlatformIdentityDbContext)
        {
            Interlocked.Increment(ref _count);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Tally(command, eventData);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Tally(command, eventData);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Tally(command, eventData);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>The relays' and monitors' own polling, which runs on its own schedule and is not part of a request's cost.</summary>
    private static bool IsMessagingPlumbing(DbCommand command) =>
        command.CommandText.Contains("_outbox", StringComparison.Ordinal) || command.CommandText.Contains("_dead_letters", StringComparison.Ordinal)
        || command.CommandText.Contains("live_events", StringComparison.Ordinal) || command.CommandText.Contains("live_sequence", StringComparison.Ordinal)
        || command.CommandText.Contains("wh_", StringComparison.Ordinal);
}
