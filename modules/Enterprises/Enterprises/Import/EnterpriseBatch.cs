using IpShield.SharedKernel.Time;
using System.Collections.Concurrent;
using System.Numerics;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpShield.Enterprises.Import;

internal enum RowOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

/// <summary>What became of one row of a batch.</summary>
internal sealed record RowResult(MappedRow Row, RowOutcome Outcome, Enterprise? Enterprise, IReadOnlyList<UserError> Errors);

/// <summary>Where a batch may write and how: the policy, the importer's workstation (if confined), and whether to write at all.</summary>
internal sealed record BatchRules(ImportPolicy Policy, Guid? WorkstationScope, Guid? ScopeParkId, bool DryRun);

/// <summary>
/// Applies a batch of checked rows: one read of the existing records, then one bulk upsert of the new and changed
/// ones. Unchanged rows are not written, so importing the same file twice changes nothing. Runs in the caller's
/// transaction: the batch is all or nothing.
/// </summary>
internal sealed class EnterpriseBatch(EnterprisesDbContext db, TimeProvider time, ILogger? logger = null)
{
    /// <summary>
    /// Codes per lookup statement: below MariaDB's <c>in_predicate_conversion_threshold</c> (1,000), past which it
    /// turns the IN list into a derived table and joins it, which costs more than a few index lookups.
    /// </summary>
    private const int LookupChunk = 500;

    /// <summary>Texts of the registered-codes lookup by provider (identifier quoting differs) and size bucket.</summary>
    private static readonly ConcurrentDictionary<(string Provider, int Size), string> Lookups = new();

    /// <summary>
    /// Whether the next batch is expected to hold only new records: true until a batch meets a registered code, and
    /// again after a batch that met none. Registry files are mostly new enterprises or mostly known ones, in runs.
    /// </summary>
    private bool _expectNew = true;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<IReadOnlyList<RowResult>> ApplyAsync(IReadOnlyList<MappedRow> rows, BatchRules rules, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ParkCalendar.Today(time);
        if (!rules.DryRun && _expectNew && EnterpriseBulkLoad.Available(db))
        {
            // Decide as if no code were registered and load the new records straight away: if one is registered
            // after all, the unique index refuses the load, nothing is written, and the batch goes the long way.
            // This saves the lookup, the largest cost after the load itself in a file of new enterprises.
            var optimistic = Decide(rows, [], rules, now, today, out var created);
            if (await EnterpriseBulkLoad.TryInsertAsync(db, created, _logger, cancellationToken) == LoadResult.Loaded)
            {
                await OutboxBulkAppend.AppendAsync(db, [.. created.SelectMany(e => e.Events)], cancellationToken);
                created.ForEach(e => e.Events.Clear());
                return optimistic;
            }
        }

        var codes = rows.Where(r => r.Record is not null).Select(r => r.Record!.CreditCode).Distinct().ToList();
        var existing = codes.Count == 0
            ? []
            : await ExistingAsync(codes, cancellationToken);
        _expectNew = existing.Count == 0;
        var results = Decide(rows, existing, rules, now, today, out var writes);
        if (!rules.DryRun)
        {
            // New records are loaded in bulk where the server allows it; changed ones (and the rest) are upserted.
            var created = results.Where(r => r.Outcome == RowOutcome.Created).Select(r => r.Enterprise!).ToList();
            if (await EnterpriseBulkLoad.TryInsertAsync(db, created, _logger, cancellationToken) == LoadResult.Loaded)
            {
                await new EnterpriseBulkWriter(db).UpsertAsync([.. results.Where(r => r.Outcome == RowOutcome.Updated).Select(r => r.Enterprise!)], cancellationToken);
            }
            else
            {
                // Not available, or (rarely) a code registered since the lookup: the upsert handles both.
                await new EnterpriseBulkWriter(db).UpsertAsync(writes, cancellationToken);
            }

            // The batch's events go into the outbox with the rows, in the same transaction, written in bulk too.
            await OutboxBulkAppend.AppendAsync(db, [.. writes.SelectMany(e => e.Events)], cancellationToken);
            writes.ForEach(e => e.Events.Clear());
        }

        return results;
    }

    private static List<RowResult> Decide(IReadOnlyList<MappedRow> rows, Dictionary<string, Enterprise> existing, BatchRules rules, DateTimeOffset now, DateOnly today, out List<Enterprise> writes)
    {
        writes = [];
        var results = new List<RowResult>(rows.Count);
        foreach (var row in rows)
        {
            results.Add(Decide(row, existing, rules, now, today, writes));
        }

        return results;
    }

    /// <summary>
    /// The registered records among <paramref name="codes"/>: first which codes are registered (one narrow statement on
    /// the unique index, plain ADO.NET), then the full records of those only: most rows of a typical import are new,
    /// and reading whole records through EF for every code of the batch was a large part of each batch's time.
    /// </summary>
    private async Task<Dictionary<string, Enterprise>> ExistingAsync(List<string> codes, CancellationToken cancellationToken)
    {
        var registered = await RegisteredAsync(codes, cancellationToken);
        if (registered.Count == 0)
        {
            return new Dictionary<string, Enterprise>(StringComparer.Ordinal);
        }

        return await db.Enterprises.AsNoTracking().Where(e => registered.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Which of the codes are registered. The statement's text depends only on the provider and a size bucket
    /// (padded with repeats of the first code), so it is built a few times per process, not per batch.
    /// </summary>
    private async Task<List<string>> RegisteredAsync(List<string> codes, CancellationToken cancellationToken)
    {
        var registered = new List<string>();
        foreach (var chunk in codes.Chunk(LookupChunk))
        {
            await RegisteredAsync(chunk, registered, cancellationToken);
        }

        return registered;
    }

    private async Task RegisteredAsync(string[] codes, List<string> registered, CancellationToken cancellationToken)
    {
        var bucket = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)codes.Length));
        var text = Lookups.GetOrAdd((db.Database.ProviderName ?? string.Empty, bucket), key =>
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(typeof(Enterprise))!;
            var column = sql.DelimitIdentifier(entity.FindProperty(nameof(Enterprise.CreditCode))!.GetColumnName());
            var placeholders = string.Join(", ", Enumerable.Range(0, key.Size).Select(i => $"@c{i}"));
            return $"SELECT {column} FROM {sql.DelimitIdentifier(entity.GetTableName()!)} WHERE {column} IN ({placeholders})";
        });
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = text;
            for (var i = 0; i < bucket; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@c{i}";
                parameter.Value = codes[i < codes.Length ? i : 0];
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                registered.Add(reader.GetString(0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static RowResult Decide(MappedRow row, Dictionary<string, Enterprise> existing, BatchRules rules, DateTimeOffset now, DateOnly today, List<Enterprise> writes)
    {
        if (row.Record is not { } record)
        {
            return new RowResult(row, RowOutcome.Failed, null, row.Errors);
        }

        if (existing.TryGetValue(record.CreditCode, out var current))
        {
            if (rules.Policy == ImportPolicy.InsertOnly)
            {
                return Failed(row, EnterpriseErrorCodes.AlreadyExists, "An enterprise with this credit code is already registered (insert-only import).");
            }

            if (rules.WorkstationScope is { } scope && current.WorkstationId != scope)
            {
                return Failed(row, ErrorCodes.Forbidden, "This enterprise is not settled in your workstation; only its own workstation or the city centre may change it.");
            }

            if (!record.ApplyTo(current))
            {
                return new RowResult(row, RowOutcome.Unchanged, current, []);
            }

            current.Touch(now);
            writes.Add(current);
            return new RowResult(row, RowOutcome.Updated, current, []);
        }

        var created = new Enterprise { CreditCode = record.CreditCode, NameZh = record.NameZh };
        record.ApplyTo(created);
        created.Registered(now);
        if (rules.WorkstationScope is { } workstation && rules.ScopeParkId is { } park)
        {
            created.SettledAtRegistration(park, workstation, today, now);
        }

        existing[record.CreditCode] = created; // a repeat later in the same batch updates it instead of inserting twice
        writes.Add(created);
        return new RowResult(row, RowOutcome.Created, created, []);
    }

    private static RowResult Failed(MappedRow row, string code, string message) =>
        new(row, RowOutcome.Failed, null, [new UserError(code, message, [Column.CreditCode])]);
}
