using GraphQL;
using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Imports;

/// <summary>
/// An import job as a node: its progress while it runs, its summary and row errors when it ends. Each module derives
/// its own (<c>EnterpriseImport</c>, <c>IpRightImport</c>) and adds what its jobs add.
/// </summary>
public abstract class ImportJobType<TJob, TDb> : EntityNodeType<TJob, TDb>
    where TJob : ImportJob
    where TDb : DbContext
{
    public const int MaxErrorsPage = 500;

    protected ImportJobType(string name, string readPolicy, string reportRoute)
        : base(name)
    {
        this.AuthorizeWithPolicy(readPolicy);
        Field<NonNullGraphType<ImportStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ImportModeType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<ImportFormatType>>("format").Resolve(c => c.Source.Format);
        Field(j => j.FileName);
        Field<NonNullGraphType<LongGraphType>>("fileBytes").Resolve(c => c.Source.FileBytes);
        Field(j => j.FileSha256).Description("SHA-256 of the file, hex.");
        Field(j => j.IdempotencyKey);
        Field<NonNullGraphType<LongGraphType>>("rowsRead").Description("Rows committed so far (applied or failed).").Resolve(c => c.Source.RowsRead);
        Field<NonNullGraphType<LongGraphType>>("rowsApplied").Description("Rows created, updated or found unchanged (in a dry run: that would be).").Resolve(c => c.Source.RowsApplied);
        Field<NonNullGraphType<LongGraphType>>("rowsCreated").Resolve(c => c.Source.RowsCreated);
        Field<NonNullGraphType<LongGraphType>>("rowsUpdated").Resolve(c => c.Source.RowsUpdated);
        Field<NonNullGraphType<LongGraphType>>("rowsUnchanged").Resolve(c => c.Source.RowsUnchanged);
        Field<NonNullGraphType<LongGraphType>>("rowsFailed").Resolve(c => c.Source.RowsFailed);
        Field<NonNullGraphType<LongGraphType>>("lastLine").Description("The last line of the file whose batch is committed; a restart continues after it.").Resolve(c => c.Source.LastLine);
        Field(j => j.Attempts);
        Field(j => j.FailureMessage, nullable: true).Description("Why the job failed as a whole (rows have their own errors).");
        Field(j => j.CreatedAt);
        Field(j => j.StartedAt, nullable: true);
        Field(j => j.FinishedAt, nullable: true);
        Field<StringGraphType>("summary")
            .Description("A sentence for a person, once the job has ended.")
            .Resolve(c => c.Source.Status is ImportStatus.Succeeded or ImportStatus.Failed
                ? $"{c.Source.Status}: {c.Source.RowsRead} rows read, {c.Source.RowsApplied} {(c.Source.Mode == ImportMode.DryRun ? "would be applied" : "applied")} ({c.Source.RowsCreated} created, {c.Source.RowsUpdated} updated, {c.Source.RowsUnchanged} unchanged), {c.Source.RowsFailed} failed."
                : null);
        Field<NonNullGraphType<StringGraphType>>("errorReportCsvUrl")
            .Description("The row errors with the rows' original values, as CSV (GET, same credentials).")
            .Resolve(c => ImportErrorReport.UrlOf(reportRoute, name, c.Source.Id, csv: true));
        Field<NonNullGraphType<StringGraphType>>("errorReportJsonlUrl")
            .Description("The same as JSON lines.")
            .Resolve(c => ImportErrorReport.UrlOf(reportRoute, name, c.Source.Id, csv: false));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowErrorType>>>>("errors")
            .Description($"Row errors in file order, after the given line (at most {MaxErrorsPage}).")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .Argument<LongGraphType>("afterLine", a => a.DefaultValue = 0L)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument<int>("first");
                if (first is < 1 or > MaxErrorsPage)
                {
                    throw new UserInputError(ErrorCodes.InvalidPaging, $"first must be between 1 and {MaxErrorsPage}.");
                }

                var afterLine = c.GetArgument<long>("afterLine");
                var db = c.RequestServices!.GetRequiredService<TDb>();
                return await db.Set<ImportRowError>().AsNoTracking()
                    .Where(e => e.JobId == c.Source.Id && e.Line > afterLine)
                    .OrderBy(e => e.Line).ThenBy(e => e.Id)
                    .Take(first)
                    .ToListAsync(c.CancellationToken);
            });
    }
}

internal sealed class ImportRowErrorType : ObjectGraphType<ImportRowError>
{
    public ImportRowErrorType()
    {
        Name = "ImportRowError";
        Description = "Why one row of an import was not applied.";
        Field<NonNullGraphType<LongGraphType>>("line").Description("The line of the file where the row starts (the CSV or sheet header is line 1).").Resolve(c => c.Source.Line);
        Field(e => e.Column, nullable: true).Description("The column concerned, when there is one.");
        Field(e => e.Code).Description(
            "MALFORMED_ROW, INVALID_ENCODING, DUPLICATE_IN_FILE for every import; enterprises: INVALID_CREDIT_CODE, INVALID_DATE, TOO_LONG, REQUIRED, UNKNOWN_MARKET, INVALID_VALUE, ALREADY_EXISTS, FORBIDDEN; " +
            "rights: UNKNOWN_ENTERPRISE, INVALID_KIND, INVALID_JURISDICTION, INVALID_NICE_CLASS, INVALID_DATE, REQUIRED, TOO_LONG, INVALID, ALREADY_RECORDED (docs/import-format.md).");
        Field(e => e.Message);
        Field(e => e.OriginalValues).Description("The row as read, a JSON object of column to text.");
    }
}

internal sealed class ImportFormatType : EnumerationGraphType<ImportFormat>
{
    public ImportFormatType()
    {
        Name = "ImportFormat";
    }
}

internal sealed class ImportModeType : EnumerationGraphType<ImportMode>
{
    public ImportModeType()
    {
        Name = "ImportMode";
    }
}

internal sealed class ImportStatusType : EnumerationGraphType<ImportStatus>
{
    public ImportStatusType()
    {
        Name = "ImportStatus";
    }
}

/// <summary>The input fields every start-an-import mutation has; a module's input type adds its own after these.</summary>
public static class ImportInputFields
{
    public static void AddTo<TInput>(InputObjectGraphType<TInput> input, string what)
    {
        input.Field<NonNullGraphType<GraphQL.Http.UploadGraphType>>("file").Description($"The CSV, JSONL or Excel .xlsx file of {what} (docs/import-format.md), at most 100 MB.");
        input.Field<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .Description("Your name for this import. The same key with the same file returns the same job; with another file it is an error.");
        input.Field<ImportFormatType>("format").Description("Taken from the file name (.csv, .jsonl, .ndjson, .xlsx) when left out.");
        input.Field<NonNullGraphType<ImportModeType>>("mode").DefaultValue(ImportMode.Apply);
    }
}
