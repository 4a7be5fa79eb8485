using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;

namespace IpShield.Enterprises.Features.StartEnterpriseImport;

internal sealed class StartEnterpriseImportInput : IImportUpload
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
        ImportInputFields.AddTo(this, "enterprise records");
        Field<NonNullGraphType<ImportPolicyType>>("policy").DefaultValue(ImportPolicy.Upsert);
    }
}

internal static class StartEnterpriseImportHandler
{
    public static async Task<Payload<EnterpriseImportJob>> HandleAsync(
        StartEnterpriseImportInput input, AccessContext access, EnterprisesDbContext db, ImportOptions options, ImportQueue<EnterpriseImportJob> queue, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!access.CanRegister())
        {
            return Payload<EnterpriseImportJob>.Failure(new UserError(ErrorCodes.Forbidden, "Only importer clients, workstation staff and the city centre import enterprises."));
        }

        return await ImportJobs.StartAsync(
            db, input, access.ClientKey(), () => new EnterpriseImportJob { Policy = input.Policy, WorkstationScope = access.ImportScope() }, options, queue, time, cancellationToken);
    }
}

internal sealed class StartEnterpriseImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<StartEnterpriseImportInputType, EnterpriseImportType>("startEnterpriseImport", EnterpriseAccess.WritePolicy, "import", StartEnterpriseImportHandler.HandleAsync)
            .Description("Starts a bulk import of an uploaded file (GraphQL multipart request). Poll the returned job (node) for progress.");
}
