using GraphQL;
using GraphQL.Types;
using IpShield.Portfolios.Import;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Features.RetryIpRightImport;

internal sealed class RetryIpRightImportPayloadType() : PayloadType<RightImportJob, IpRightImportType>("RetryIpRightImportPayload", "import");

internal sealed class RetryIpRightImportMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RetryIpRightImportPayloadType>>("retryIpRightImport")
            .AuthorizeWithPolicy(AccessPolicies.People)
            .Description("Continues a failed or interrupted rights import after its last committed batch.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context => await ImportJobs.RetryAsync(
                context.RequestServices!.GetRequiredService<PortfoliosDbContext>(),
                context.GetArgument<string>("id"),
                RightImportPipeline.GlobalIdType,
                context.Access(),
                context.RequestServices!,
                context.RequestServices!.GetRequiredService<ImportQueue<RightImportJob>>(),
                context.CancellationToken));
}
