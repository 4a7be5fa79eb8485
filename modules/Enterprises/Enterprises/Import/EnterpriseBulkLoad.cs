using System.Data;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace IpShield.Enterprises.Import;

internal enum LoadResult
{
    /// <summary>Not on this connection or server: insert another way.</summary>
    NotAvailable,
    Loaded,

    /// <summary>A record's credit code is registered already; nothing was written.</summary>
    Duplicate,
}

/// <summary>
/// New enterprise records of an import batch on MariaDB/MySQL: streamed with <c>LOAD DATA LOCAL INFILE</c>
/// (<see cref="MySqlBulkCopy"/>) inside the batch's transaction. Multi-row INSERT statements cost the host ~75 µs per
/// row (building parameters, then MySqlConnector writing them into the statement's text); the load costs a fraction
/// of that. Records that exist already still go through <see cref="EnterpriseBulkWriter"/>'s upsert. See ADR 0010.
/// </summary>
internal static partial class EnterpriseBulkLoad
{
    /// <summary>Set once a server refused <c>LOAD DATA LOCAL</c> (<c>local_infile=OFF</c>): the process then inserts with statements.</summary>
    private static volatile bool _refused;

    private const string Savepoint = "ipshield_bulk_load";

    /// <summary>MySQL 8's "loading local data is disabled" (MariaDB answers <see cref="MySqlErrorCode.NotAllowedCommand"/>).</summary>
    private const int ClientLocalFilesDisabled = 3948;

    /// <summary>
    /// The connection string an import runs on: the client may answer the server's request for the load's data.
    /// Only the import runner's connections allow it; every other connection of the host keeps it off.
    /// </summary>
    public static string AllowingLoad(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true }.ConnectionString;

    /// <summary>Whether this context's connection may load in bulk (an import runner's, on MariaDB/MySQL, allowed by the server so far).</summary>
    public static bool Available(EnterprisesDbContext db) =>
        !_refused && db.Database.IsMySql() && db.Database.GetDbConnection() is MySqlConnection connection
        && new MySqlConnectionStringBuilder(connection.ConnectionString).AllowLoadLocalInfile;

    /// <summary>
    /// Inserts the new records. <see cref="LoadResult.Duplicate"/> when one of them is registered already: the load
    /// is undone (the statement, not the transaction) and nothing was written.
    /// </summary>
    public static async Task<LoadResult> TryInsertAsync(EnterprisesDbContext db, IReadOnlyList<Enterprise> created, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Available(db))
        {
            return LoadResult.NotAvailable;
        }

        if (created.Count == 0)
        {
            return LoadResult.Loaded;
        }

        // With LOCAL the server cannot stop the client's stream midway, so it skips rows with a registered code (as
        // if IGNORE were given) instead of failing; the savepoint undoes the rest of the load in that case.
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A bulk load runs inside its batch's transaction.");
        var connection = (MySqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            var copy = new MySqlBulkCopy(connection, transaction.GetDbTransaction() as MySqlTransaction)
            {
                DestinationTableName = EnterprisesDbContext.EnterprisesTable,
                ConflictOption = MySqlBulkLoaderConflictOption.None,
            };
            var entity = db.Model.FindEntityType(typeof(Enterprise))!;
            var columns = EnterpriseBulkWriter.InsertColumns;
            for (var i = 0; i < columns.Length; i++)
            {
                copy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, entity.FindProperty(columns[i])!.GetColumnName()));
            }

            var result = await copy.WriteToServerAsync(Rows(created), cancellationToken);
            if (result.RowsInserted != created.Count)
            {
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                return LoadResult.Duplicate;
            }

            DataVersions.Wrote(db, created.Select(e => e.ParkId)); // sent around EF: the commit changes these parks' versions (ADR 0041)
            return LoadResult.Loaded;
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.BulkCopyFailed or MySqlErrorCode.DuplicateKeyEntry)
        {
            // BulkCopyFailed: MySqlConnector's own check that every row arrived (the server skipped registered ones).
            await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
            return LoadResult.Duplicate;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NotAllowedCommand || ex.Number == ClientLocalFilesDisabled)
        {
            _refused = true;
            LogLoadRefused(logger, ex.Message);
            return LoadResult.NotAvailable;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The records with the upsert's columns and values, so both paths store a record alike (Pomelo's way).</summary>
    private static DataTable Rows(IReadOnlyList<Enterprise> created)
    {
        var table = new DataTable();
        foreach (var column in EnterpriseBulkWriter.InsertColumns)
        {
            table.Columns.Add(column, typeof(object));
        }

        table.BeginLoadData();
        foreach (var e in created)
        {
            table.Rows.Add([.. EnterpriseBulkWriter.Values(e, mySql: true).Select(v => v ?? DBNull.Value)]);
        }

        table.EndLoadData();
        return table;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refuses LOAD DATA LOCAL ({Reason}); imports insert new records with statements (slower). Enable local_infile on the server to load them in bulk")]
    private static partial void LogLoadRefused(ILogger logger, string reason);
}
