using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Features.RetryEnterpriseImport;

internal sealed class RetryEnterpriseImportPayloadType() : PayloadType<EnterpriseImportJob, EnterpriseImportType>("RetryEnterpriseImportPayload", "import");

internal sealed class RetryEnterpriseImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RetryEnterpriseImportPayloadType>>("retryEnterpriseImport")
            .AuthorizeWithPolicy(EnterpriseAccess.WritePolicy)
            .Description("Continues a failed or interrupted import after its last committed batch.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => await ImportJobs.RetryAsync(
                context.RequestServices!.GetRequiredService<EnterprisesDbContext>(),
                context.GetArgument<string>("id"),
                EnterprisesGlobalIds.EnterpriseImport,
                context.Access(),
                context.RequestServices!,
                context.RequestServices!.GetRequiredService<ImportQueue<EnterpriseImportJob>>(),
                context.CancellationToken));
}
