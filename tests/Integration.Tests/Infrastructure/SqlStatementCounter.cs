using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements the host sends while serving HTTP requests, so tests can prove batching.
/// Background work (the outbox relays) has no HTTP context and is not counted.
/// </summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private int _count;

    public IHttpContextAccessor? Requests { get; set; }

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void CountIfServingRequest()
    {
        if (Requests?.HttpContext is not null)
        {
            Interlocked.Increment(ref _count);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountIfServingRequest();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountIfServingRequest();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CountIfServingRequest();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
