using IpShield.SharedKernel.Persistence;

namespace IpShield.Enterprises.Domain;

internal enum ImportFormat
{
    Csv,
    Jsonl,
}

internal enum ImportMode
{
    /// <summary>Check every row and report errors; change nothing.</summary>
    DryRun,
    Apply,
}

internal enum ImportPolicy
{
    /// <summary>Create new enterprises and update existing ones (matched on the credit code).</summary>
    Upsert,

    /// <summary>Create new enterprises; a row whose credit code exists is an error.</summary>
    InsertOnly,
}

internal enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A bulk import of one uploaded file. Progress (the last line whose batch is committed) is saved in the same
/// transaction as the batch, so a restart continues after that line: no row twice, no row lost.
/// </summary>
internal sealed class ImportJob : IEntity
{
    public const int KeyMax = 100;
    public const int FileNameMax = 255;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Who started it (subject of the caller), and the idempotency key they gave.</summary>
    public required string ClientKey { get; init; }

    public required string IdempotencyKey { get; init; }
    public required string FileSha256 { get; init; }
    public required string FileName { get; init; }
    public long FileBytes { get; init; }
    public ImportFormat Format { get; init; }
    public ImportMode Mode { get; init; }
    public ImportPolicy Policy { get; init; }

    /// <summary>The workstation an importer client is confined to; null for the city centre.</summary>
    public Guid? WorkstationScope { get; init; }

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
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A row of an import that was not applied: where, why, and what it said.</summary>
internal sealed class ImportRowError : IEntity
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
