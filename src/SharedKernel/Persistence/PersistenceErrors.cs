using IpShield.SharedKernel.GraphQL.Payloads;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// The database errors a user can cause, translated in one place: a stale version is CONFLICT, a unique key taken by
/// another row is DUPLICATE. Anything else (a value too long for its column, a failed audit write, an outage) is a bug
/// or an outage: it is not translated, so the caller sees a masked internal error and the log has the detail.
/// </summary>
public static class PersistenceErrors
{
    public static UserError? ToUserError(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => new UserError(ErrorCodes.Conflict, "It was changed by someone else meanwhile; reload it and try again."),
        DbUpdateException { InnerException: { } inner } when IsUniqueViolation(inner) =>
            new UserError(ErrorCodes.Duplicate, "Something with the same unique value already exists."),
        _ => null,
    };

    /// <summary>
    /// Whether the database gave up on the whole transaction because of other writers (a deadlock victim, a lock wait
    /// that timed out, SQLite still busy): nothing was written, and running the same unit of work again is correct.
    /// Pomelo wraps these in its execution strategy's exception, EF in a DbUpdateException: the chain is searched.
    /// </summary>
    public static bool IsTransientConflict(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout }
                || current is SqliteException { SqliteErrorCode: 5 or 6 }) // SQLITE_BUSY, SQLITE_LOCKED
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        MySqlException mySql => mySql.ErrorCode == MySqlErrorCode.DuplicateKeyEntry,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
