using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;

namespace IpShield.SharedKernel.Imports;

public enum ImportFormat
{
    Csv,
    Jsonl,
    Xlsx,
}

public enum ImportMode
{
    /// <summary>Check every row and report errors; change nothing.</summary>
    DryRun,
    Apply,
}

public enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>The error codes every import shares; a module adds its own for its rows.</summary>
public static class ImportErrorCodes
{
    public const string InvalidEncoding = "INVALID_ENCODING";
    public const string MalformedRow = "MALFORMED_ROW";
    public const string DuplicateInFile = "DUPLICATE_IN_FILE";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string JobRunning = "JOB_RUNNING";
}

/// <summary>
/// A bulk import of one uploaded file. Progress (the last line whose batch is committed) is saved in the same
/// transaction as the batch, so a restart continues after that line: no row twice, no row lost. Each module keeps its
/// jobs in its own table (<see cref="ImportTables"/>) through a sealed subclass that adds what its imports need.
/// </summary>
public abstract class ImportJob : IEntity
{
    public const int KeyMax = 100;
    public const int FileNameMax = 255;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Who started it (subject of the caller), and the idempotency key they gave.</summary>
    public string ClientKey { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";
    public string FileSha256 { get; set; } = "";
    public string FileName { get; set; } = "";
    public long FileBytes { get; set; }
    public ImportFormat Format { get; set; }
    public ImportMode Mode { get; set; }

    /// <summary>The workstation an importer client is confined to; null for the city centre.</summary>
    public Guid? WorkstationScope { get; set; }

    public ImportStatus Status { get; set; } = ImportStatus.Queued;

    /// <summary>Set while a job is queued or running, cleared when it ends: a unique index keeps one running job per client.</summary>
    public string? RunningClientKey { get; set; }

    /// <summary>
    /// The runner (host process) working on the job, and until when: another host takes the job over only after
    /// the lease ran out. Renewed with each committed batch; a concurrency token, so a runner whose lease was taken
    /// over cannot commit another batch.
    /// </summary>
    public string? LeasedBy { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public long LastLine { get; set; }
    public long RowsRead { get; set; }
    public long RowsApplied { get; set; }
    public long RowsCreated { get; set; }
    public long RowsUpdated { get; set; }
    public long RowsUnchanged { get; set; }
    public long RowsFailed { get; set; }
    public int Attempts { get; set; }
    public string? FailureMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A row of an import that was not applied: where, why, and what it said. In the job's module's own table.</summary>
public sealed class ImportRowError : IEntity
{
    public const int ColumnMax = 64;
    public const int CodeMax = 40;
    public const int MessageMax = 400;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid JobId { get; init; }
    public long Line { get; init; }
    public string? Column { get; init; }
    public required string Code { get; init; }
    public required string Message { get; init; }

    /// <summary>The row's original values as a JSON object (column → text), so the report can be fixed and re-imported.</summary>
    public required string OriginalValues { get; init; }
}

/// <summary>A row turned into the module's checked record, or the reasons it cannot be one.</summary>
public sealed record ImportRow<TRecord>(RawRow Raw, TRecord? Record, IReadOnlyList<UserError> Errors)
    where TRecord : class
{
    /// <summary>A row the file reader could not read: its problem as the row's one error.</summary>
    public static ImportRow<TRecord>? Unreadable(RawRow raw) =>
        raw.ProblemCode is { } code
            ? new ImportRow<TRecord>(raw, null, [new UserError(code, raw.ProblemMessage ?? code, raw.ProblemColumn is null ? null : [raw.ProblemColumn])])
            : null;
}

public enum ImportRowOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

/// <summary>What became of one row of a batch; the errors of a failed row name the columns concerned.</summary>
public sealed record ImportRowResult(RawRow Raw, ImportRowOutcome Outcome, IReadOnlyList<UserError> Errors);
