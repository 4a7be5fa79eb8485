using System.Collections.Concurrent;
using IpShield.SharedKernel.Statistics;
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
        return AddAsync(database, sql, keyColumns, [values], values, cancellationToken);
    }

    /// <summary>A summary keyed by park names the parks it adds to (ADR 0041): a write in one park leaves the others' answers kept.</summary>
    private static async Task AddAsync(DatabaseFacade database, string sql, IReadOnlyList<string> keyColumns, IEnumerable<object[]> rows, IEnumerable<object> values, CancellationToken cancellationToken)
    {
        var park = keyColumns.ToList().IndexOf(ParkColumn);
        using (park < 0 ? null : DataVersions.WritesOf(rows.Select(r => ParkOf(r[park]))))
        {
            await database.ExecuteSqlRawAsync(sql, values, cancellationToken);
        }
    }

    private const string ParkColumn = "ParkId";

    private static Guid? ParkOf(object? value) => value switch
    {
        Guid park => park,
        null => null,
        _ => throw new ArgumentException($"A summary's {ParkColumn} is a Guid, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// Adds many rows' differences at once, <paramref name="rows"/> already in key order (each: key values, then counts):
    /// one multi-row upsert per <see cref="RowsPerStatement"/> rows, where a save touching thousands of keys (an import
    /// batch's deadlines, one key per park, state and due day) would otherwise send a statement per key.
    /// </summary>
    public static async Task AddManyAsync(
        DatabaseFacade database, string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> countColumns, IReadOnlyList<object[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = Upsert(database.IsSqlite(), table, keyColumns, countColumns, chunk.Length);
            await AddAsync(database, sql, keyColumns, chunk, chunk.SelectMany(r => r), cancellationToken);
        }
    }

    /// <summary>Rows per multi-row upsert: a few thousand parameters, far under either database's limit.</summary>
    public const int RowsPerStatement = 250;

    private static string Upsert(bool sqlite, string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> countColumns, int rows = 1)
    {
        var columns = string.Join(", ", keyColumns.Concat(countColumns));
        var width = keyColumns.Count + countColumns.Count;
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(row => "(" + RawSqlLists.Placeholders(width, row * width) + ")"));
        var insert = "INSERT INTO " + table + " (" + columns + ") VALUES " + values;
        return sqlite
            ? insert + " ON CONFLICT (" + string.Join(", ", keyColumns) + ") DO UPDATE SET " + string.Join(", ", countColumns.Select(c => c + " = " + c + " + excluded." + c))
            : insert + " ON DUPLICATE KEY UPDATE " + string.Join(", ", countColumns.Select(c => c + " = " + c + " + VALUES(" + c + ")"));
    }
}
