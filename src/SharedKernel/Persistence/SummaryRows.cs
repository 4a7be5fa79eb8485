using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// Additions to a summary table's rows (ADRs 0031, 0032): one upsert that creates the row or adds to its counts without
/// reading it (<c>ON DUPLICATE KEY UPDATE c = c + VALUES(c)</c> on MariaDB, <c>ON CONFLICT … DO UPDATE</c> on SQLite),
/// so concurrent saves adding to one row lose nothing. Callers add in key order, so they do not deadlock on the rows.
/// </summary>
public static class SummaryRows
{
    private static readonly ConcurrentDictionary<(bool Sqlite, string Table, string Keys, string Counts), string> Statements = new();

    /// <summary>
    /// Adds <paramref name="values"/> (the key columns' values, then the counts' differences, in the order of the
    /// columns) to the row of <paramref name="table"/> with that key. Table and columns are the caller's constants.
    /// </summary>
    public static Task AddAsync(
        DatabaseFacade database, string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> countColumns, object[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var sql = Statements.GetOrAdd(
            (database.IsSqlite(), table, string.Join(',', keyColumns), string.Join(',', countColumns)),
            key => Upsert(key.Sqlite, table, keyColumns, countColumns));
        return database.ExecuteSqlRawAsync(sql, values, cancellationToken);
    }

    private static string Upsert(bool sqlite, string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> countColumns)
    {
        var columns = string.Join(", ", keyColumns.Concat(countColumns));
        var insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + RawSqlLists.Placeholders(keyColumns.Count + countColumns.Count) + ")";
        return sqlite
            ? insert + " ON CONFLICT (" + string.Join(", ", keyColumns) + ") DO UPDATE SET " + string.Join(", ", countColumns.Select(c => c + " = " + c + " + excluded." + c))
            : insert + " ON DUPLICATE KEY UPDATE " + string.Join(", ", countColumns.Select(c => c + " = " + c + " + VALUES(" + c + ")"));
    }
}
