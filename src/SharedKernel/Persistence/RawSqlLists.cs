using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// Lists of values in raw SQL (<c>FromSqlRaw</c>, <c>SqlQueryRaw</c>, <c>ExecuteSqlRaw</c>): only numbered placeholders
/// go into the text, and the values travel as parameters through EF's own type mappings, so they are compared exactly
/// as EF stores them (a Guid as MariaDB's <c>char(36)</c> or SQLite's upper-case text).
/// </summary>
public static class RawSqlLists
{
    /// <summary>
    /// <c>{0}, {1}, …</c> for <paramref name="count"/> values, passed as the statement's arguments in that order; from
    /// <c>{first}</c> when arguments before them fill other places of the statement.
    /// </summary>
    public static string Placeholders(int count, int first = 0) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"));

    /// <summary>
    /// Locks the rows of <paramref name="table"/> whose <paramref name="keyColumn"/> is one of <paramref name="keys"/>
    /// until the transaction ends (<c>SELECT … FOR UPDATE</c> on MariaDB). SQLite has no row locks: a transaction there
    /// holds the database's write lock from its start, so nothing is done. Table and column are the caller's constants.
    /// </summary>
    public static async Task LockAsync(DatabaseFacade database, string table, string keyColumn, IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (keys.Count == 0 || database.IsSqlite())
        {
            return;
        }

        var sql = "SELECT " + keyColumn + " AS Value FROM " + table + " WHERE " + keyColumn + " IN (" + Placeholders(keys.Count) + ") FOR UPDATE";
        await database.SqlQueryRaw<Guid>(sql, [.. keys.Cast<object>()]).ToListAsync(cancellationToken);
    }
}
