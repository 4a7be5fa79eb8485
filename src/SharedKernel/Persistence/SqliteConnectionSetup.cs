using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpShield.SharedKernel.Persistence;

/// <summary>
/// Prepares every connection to the embedded SQLite file. A writer that finds the file locked waits inside SQLite
/// (<c>busy_timeout</c>, as long as the connection string's <c>Default Timeout</c>) instead of failing into
/// Microsoft.Data.Sqlite's own retry, which sleeps 150 ms per attempt and made concurrent writers queue for seconds.
/// With the write-ahead log, <c>synchronous=NORMAL</c> syncs at checkpoints rather than at every commit: an OS crash
/// may lose the last commits but never part of one (ADR 0003; the embedded file is the dev/demo store).
/// SQLite's built-in lower() folds ASCII only; replacing it makes case-insensitive "contains" behave as on MariaDB
/// for Latin, Cyrillic or Greek names.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    private static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        using (var command = sqlite.CreateCommand())
        {
            command.CommandText = $"PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000L}; PRAGMA synchronous = NORMAL";
            command.ExecuteNonQuery();
        }

        sqlite.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
    }
}
