using GraphQL.Types;
using IpShield.Portfolios.Import;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Features.StartIpRightImport;

internal sealed class StartIpRightImportInput : IImportUpload
{
    public UploadedFile? File { get; set; }
    public string? IdempotencyKey { get; set; }
    public ImportFormat? Format { get; set; }
    public ImportMode Mode { get; set; }
}

internal sealed class StartIpRightImportInputType : InputObjectGraphType<StartIpRightImportInput>
{
    public StartIpRightImportInputType()
    {
        Name = "StartIpRightImportInput";
        ImportInputFields.AddTo(this, "existing rights");
    }
}

internal static class StartIpRightImportHandler
{
    public static async Task<Payload<RightImportJob>> HandleAsync(
        StartIpRightImportInput input, AccessContext access, PortfoliosDbContext db, ImportOptions options, ImportQueue<RightImportJob> queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var starter = RightImportJob.Keep(access);
        if (starter.Length > RightImportJob.StarterMax)
        {
            return Payload<RightImportJob>.Failure(new UserError(ErrorCodes.Forbidden, "Your access is too wide to keep with an import; ask the city centre to import."));
        }

        // Each row is checked against the starter's access when it runs, with recordIpRight's rule.
        return await ImportJobs.StartAsync(db, input, ImportJobs.ClientKeyOf(access), () => new RightImportJob { Starter = starter }, options, queue, time, cancellationToken);
    }
}

internal sealed class StartIpRightImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<StartIpRightImportInputType, IpRightImportType>("startIpRightImport", AccessPolicies.People, "import", StartIpRightImportHandler.HandleAsync)
            .Description("Starts a bulk import of existing rights from an uploaded file (GraphQL multipart request); each row is recorded as recordIpRight would, deadlines included. Poll the returned job (node) for progress.");
}
