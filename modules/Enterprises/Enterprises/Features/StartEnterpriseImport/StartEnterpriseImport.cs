using System.Security.Cryptography;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Import;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.StartEnterpriseImport;

internal sealed class StartEnterpriseImportInput
{
    public UploadedFile? File { get; set; }
    public string? IdempotencyKey { get; set; }
    public ImportFormat? Format { get; set; }
    public ImportMode Mode { get; set; }
    public ImportPolicy Policy { get; set; }
}

internal sealed class StartEnterpriseImportInputType : InputObjectGraphType<StartEnterpriseImportInput>
{
    public StartEnterpriseImportInputType()
    {
        Name = "StartEnterpriseImportInput";
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The CSV or JSONL file (docs/import-format.md), at most 100 MB.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .Description("Your name for this import. The same key with the same file returns the same job; with another file it is an error.");
        Field<ImportFormatType>("format").Description("Taken from the file name (.csv, .jsonl, .ndjson) when left out.");
        Field<NonNullGraphType<ImportModeType>>("mode").DefaultValue(ImportMode.Apply);
        Field<NonNullGraphType<ImportPolicyType>>("policy").DefaultValue(ImportPolicy.Upsert);
    }
}

internal static class StartEnterpriseImportHandler
{
    public static async Task<Payload<ImportJob>> HandleAsync(
        StartEnterpriseImportInput input, AccessContext access, EnterprisesDbContext db, ImportOptions options, ImportQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!access.CanRegister())
        {
            return Payload<ImportJob>.Failure(new UserError(ErrorCodes.Forbidden, "Only importer clients, workstation staff and the city centre import enterprises."));
        }

        var check = new InputCheck();
        var key = check.Text(input.IdempotencyKey, ImportJob.KeyMax, true, "input", "idempotencyKey");
        var file = input.File;
        check.Must(file is not null, ErrorCodes.Required, "file is required.", "input", "file");
        var format = input.Format ?? (file is null ? null : FormatOf(file.FileName));
        check.Must(file is null || format is not null, ErrorCodes.Invalid, "Say the format: the file name ends neither in .csv nor in .jsonl.", "input", "format");
        if (check.Failed)
        {
            return Payload<ImportJob>.Failure(check.Errors);
        }

        var clientKey = access.ClientKey();
        var sha256 = await HashAsync(file!, cancellationToken);
        var earlier = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.ClientKey == clientKey && j.IdempotencyKey == key, cancellationToken);
        if (earlier is not null)
        {
            return earlier.FileSha256 == sha256
                ? Payload<ImportJob>.Success(earlier)
                : Payload<ImportJob>.Failure(new UserError(EnterpriseErrorCodes.IdempotencyKeyReused, "This idempotency key was used for a different file; choose a new key.", ["input", "idempotencyKey"]));
        }

        if (await db.ImportJobs.AnyAsync(j => j.RunningClientKey == clientKey, cancellationToken))
        {
            return JobRunning();
        }

        var job = new ImportJob
        {
            CreatedAt = time.GetUtcNow(),
            ClientKey = clientKey,
            RunningClientKey = clientKey,
            IdempotencyKey = key!,
            FileSha256 = sha256,
            FileName = Path.GetFileName(file!.FileName) is { Length: > 0 and <= ImportJob.FileNameMax } name ? name : "upload",
            FileBytes = file.Length,
            Format = format!.Value,
            Mode = input.Mode,
            Policy = input.Policy,
            WorkstationScope = access.ImportScope(),
        };
        file.MoveTo(options.PathOf(job.Id));
        db.ImportJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception.InnerException!))
        {
            // Another request of the same client won the race (unique running-client or idempotency key).
            File.Delete(options.PathOf(job.Id));
            return JobRunning();
        }

        queue.Wake();
        return Payload<ImportJob>.Success(job);
    }

    private static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => ImportFormat.Csv,
        ".jsonl" or ".ndjson" => ImportFormat.Jsonl,
        _ => null,
    };

    private static async Task<string> HashAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static Payload<ImportJob> JobRunning() => Payload<ImportJob>.Failure(new UserError(
        EnterpriseErrorCodes.JobRunning, "You have an import running; wait for it to end (one running import per client).", ["input"]));
}

internal sealed class StartEnterpriseImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<StartEnterpriseImportInputType, EnterpriseImportType>("startEnterpriseImport", EnterpriseAccess.WritePolicy, "import", StartEnterpriseImportHandler.HandleAsync)
            .Description("Starts a bulk import of an uploaded file (GraphQL multipart request). Poll the returned job (node) for progress.");
}
