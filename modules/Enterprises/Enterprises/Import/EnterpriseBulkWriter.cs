using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpShield.Enterprises.Import;

/// <summary>
/// Writes many enterprise records in few statements: multi-row parameterized INSERTs that update on a duplicate
/// credit code (<c>ON DUPLICATE KEY UPDATE col = VALUES(col)</c> on MariaDB/MySQL, which reject MySQL 8's
/// <c>AS new</c> alias; <c>ON CONFLICT … DO UPDATE</c> on SQLite). Values go through EF's own type mappings, so
/// they are stored exactly as EF stores them. Runs in the caller's transaction.
/// </summary>
internal sealed class EnterpriseBulkWriter(EnterprisesDbContext db)
{
    /// <summary>
    /// Statement texts by provider and row count. A full chunk's text is ~100 KB: building it per statement put
    /// every one on the large-object heap and had the GC collect gen 2 over and over during an import.
    /// </summary>
    private static readonly ConcurrentDictionary<(bool MySql, int Rows), string> Statements = new();

    /// <summary>Rows per statement: 500 × 15 parameters stays under SQLite's and MySQL's parameter limits.</summary>
    public const int RowsPerStatement = 500;

    /// <summary>The columns a new record is written with, by this writer and by <see cref="EnterpriseBulkLoad"/>.</summary>
    internal static readonly string[] InsertColumns =
    [
        nameof(Enterprise.Id), nameof(Enterprise.CreditCode), nameof(Enterprise.NameZh), nameof(Enterprise.NameEn), nameof(Enterprise.LegalForm),
        nameof(Enterprise.EstablishedOn), nameof(Enterprise.ParkId), nameof(Enterprise.WorkstationId), nameof(Enterprise.SettledOn),
        nameof(Enterprise.MarketCodes), nameof(Enterprise.PlatformCodes), nameof(Enterprise.ProductCategories), nameof(Enterprise.Version), nameof(Enterprise.UpdatedAt),
        nameof(Enterprise.ProfileKey),
    ];

    /// <summary>What an import may change of an existing record: not its id, code, settlement or version (raised instead).</summary>
    private static readonly string[] UpdatedColumns =
    [
        nameof(Enterprise.NameZh), nameof(Enterprise.NameEn), nameof(Enterprise.LegalForm), nameof(Enterprise.EstablishedOn),
        nameof(Enterprise.MarketCodes), nameof(Enterprise.PlatformCodes), nameof(Enterprise.ProductCategories), nameof(Enterprise.UpdatedAt),
        nameof(Enterprise.ProfileKey),
    ];

    public async Task UpsertAsync(IReadOnlyList<Enterprise> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(Enterprise))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = InsertColumns.Select(name => entity.FindProperty(name)!).ToList();
        var mySql = db.Database.IsMySql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var chunk in rows.Chunk(RowsPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = Statements.GetOrAdd((mySql, chunk.Length), key => BuildStatement(entity, properties, sql, key.MySql, key.Rows));
                var index = 0;
                foreach (var row in chunk)
                {
                    foreach (var value in Values(row, mySql))
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{index++}";
                        parameter.Value = value ?? DBNull.Value;
                        command.Parameters.Add(parameter);
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // Sent around EF: an update may concern an enterprise settled in another park than its row says, so every
            // park's version changes with the commit (ADR 0041).
            DataVersions.Wrote(db, null);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A row's values in <see cref="InsertColumns"/> order, stored as EF stores them on each provider (checked by the
    /// import tests, which read imported rows back through EF). Going through EF's type mappings per value cost
    /// more than the statement itself.
    /// </summary>
    internal static object?[] Values(Enterprise e, bool mySql) =>
    [
        Id(e.Id, mySql), e.CreditCode, e.NameZh, e.NameEn, e.LegalForm.ToString(), Day(e.EstablishedOn, mySql), Id(e.ParkId, mySql), Id(e.WorkstationId, mySql),
        Day(e.SettledOn, mySql), e.MarketCodes, e.PlatformCodes, string.Join('\n', e.ProductCategories), e.Version,
        mySql ? e.UpdatedAt.UtcDateTime : e.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        e.ProfileKey,
    ];

    // Pomelo stores Guids as char(36) lower case; EF's SQLite provider as upper-case text.
    private static string? Id(Guid? id, bool mySql) => id is not { } g ? null : mySql ? g.ToString() : g.ToString().ToUpperInvariant();

    private static object? Day(DateOnly? day, bool mySql) => day is not { } d ? null : mySql ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string BuildStatement(IEntityType entity, List<IProperty> properties, ISqlGenerationHelper sql, bool mySql, int rowCount)
    {
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var text = new StringBuilder(8 * rowCount * properties.Count);
        text.Append("INSERT INTO ").Append(sql.DelimitIdentifier(entity.GetTableName()!)).Append(" (")
            .AppendJoin(", ", properties.Select(p => Column(p.Name))).Append(") VALUES ");
        var index = 0;
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < properties.Count; c++)
            {
                text.Append(c == 0 ? "@p" : ", @p").Append(index++);
            }

            text.Append(')');
        }

        var version = Column(nameof(Enterprise.Version));
        if (mySql)
        {
            text.Append(" ON DUPLICATE KEY UPDATE ")
                .AppendJoin(", ", UpdatedColumns.Select(c => $"{Column(c)} = VALUES({Column(c)})"))
                .Append($", {version} = {version} + 1");
        }
        else
        {
            text.Append(" ON CONFLICT (").Append(Column(nameof(Enterprise.CreditCode))).Append(") DO UPDATE SET ")
                .AppendJoin(", ", UpdatedColumns.Select(c => $"{Column(c)} = excluded.{Column(c)}"))
                .Append($", {version} = {version} + 1");
        }

        return text.ToString();
    }
}
