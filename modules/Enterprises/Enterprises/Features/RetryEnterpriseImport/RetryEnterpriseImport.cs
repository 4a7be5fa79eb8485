using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Import;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Features.RetryEnterpriseImport;

internal sealed class RetryEnterpriseImportPayloadType() : PayloadType<ImportJob, EnterpriseImportType>("RetryEnterpriseImportPayload", "import");

internal static class RetryEnterpriseImportHandler
{
    public static async Task<Payload<ImportJob>> HandleAsync(string? id, AccessContext access, EnterprisesDbContext db, ImportQueue queue, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var key = check.Id(id, EnterprisesGlobalIds.EnterpriseImport, true, "id");
        if (check.Failed)
        {
            return Payload<ImportJob>.Failure(check.Errors);
        }

        var job = await db.ImportJobs.Visible(access).SingleOrDefaultAsync(j => j.Id == key, cancellationToken);
        if (job is null)
        {
            return Payload<ImportJob>.Failure(UserError.NotFound("The import", "id"));
        }

        if (job.Status == ImportStatus.Succeeded)
        {
            return Payload<ImportJob>.Failure(new UserError(ErrorCodes.InvalidState, "The import has already succeeded.", ["id"]));
        }

        if (job.Status == ImportStatus.Failed)
        {
            job.Status = ImportStatus.Queued;
            job.RunningClientKey = job.ClientKey;
            job.Attempts = 0;
            job.FailureMessage = null;
            job.FinishedAt = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception.InnerException!))
            {
                return Payload<ImportJob>.Failure(new UserError(EnterpriseErrorCodes.JobRunning, "Another import of yours is running; retry when it has ended.", ["id"]));
            }
        }

        // A queued or running one is simply nudged: the runner continues it after its last committed batch.
        queue.Wake();
        return Payload<ImportJob>.Success(job);
    }
}

internal sealed class RetryEnterpriseImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RetryEnterpriseImportPayloadType>>("retryEnterpriseImport")
            .AuthorizeWithPolicy(EnterpriseAccess.WritePolicy)
            .Description("Continues a failed or interrupted import after its last committed batch.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => await RetryEnterpriseImportHandler.HandleAsync(
                context.GetArgument<string>("id"),
                context.Access(),
                context.RequestServices!.GetRequiredService<EnterprisesDbContext>(),
                context.RequestServices!.GetRequiredService<ImportQueue>(),
                context.CancellationToken));
}
