using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Schema;

/// <summary>An import job: its progress while it runs, its summary and row errors when it ends.</summary>
internal sealed class EnterpriseImportType : EntityNodeType<ImportJob, EnterprisesDbContext>
{
    public const int MaxErrorsPage = 500;

    public EnterpriseImportType()
        : base(EnterprisesGlobalIds.EnterpriseImport)
    {
        Description = "A bulk import of enterprise records from one uploaded CSV or JSONL file.";
        this.AuthorizeWithPolicy(EnterpriseAccess.ReadPolicy);
        Field<NonNullGraphType<ImportStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ImportModeType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<ImportPolicyType>>("policy").Resolve(c => c.Source.Policy);
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
            .Resolve(c => $"/imports/{GlobalId.Encode(EnterprisesGlobalIds.EnterpriseImport, c.Source.Id)}/errors.csv");
        Field<NonNullGraphType<StringGraphType>>("errorReportJsonlUrl")
            .Description("The same as JSON lines.")
            .Resolve(c => $"/imports/{GlobalId.Encode(EnterprisesGlobalIds.EnterpriseImport, c.Source.Id)}/errors.jsonl");
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
                var db = c.RequestServices!.GetRequiredService<EnterprisesDbContext>();
                return await db.ImportRowErrors.AsNoTracking()
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
        Field<NonNullGraphType<LongGraphType>>("line").Description("The line of the file where the row starts (the CSV header is line 1).").Resolve(c => c.Source.Line);
        Field(e => e.Column, nullable: true).Description("The column concerned, when there is one.");
        Field(e => e.Code).Description("INVALID_CREDIT_CODE, DUPLICATE_IN_FILE, INVALID_DATE, INVALID_ENCODING, TOO_LONG, REQUIRED, UNKNOWN_MARKET, INVALID_VALUE, MALFORMED_ROW, ALREADY_EXISTS, FORBIDDEN.");
        Field(e => e.Message);
        Field(e => e.OriginalValues).Description("The row as read, a JSON object of column to text.");
    }
}

internal static class ImportJobAccess
{
    /// <summary>A job is its starter's; the city centre sees all.</summary>
    public static IQueryable<ImportJob> Visible(this IQueryable<ImportJob> jobs, AccessContext access)
    {
        if (access.IsAdmin)
        {
            return jobs;
        }

        var key = access.ClientKey();
        return jobs.Where(j => j.ClientKey == key);
    }
}
