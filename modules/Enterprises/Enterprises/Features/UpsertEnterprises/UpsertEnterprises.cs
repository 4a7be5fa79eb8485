using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Time;
using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Import;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Features.UpsertEnterprises;

internal sealed class EnterpriseRecordInput
{
    public string? CreditCode { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public LegalForm? LegalForm { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public List<string>? TargetMarkets { get; set; }
    public List<SalesPlatform>? SalesPlatforms { get; set; }
    public List<string>? ProductCategories { get; set; }
}

internal sealed class EnterpriseRecordInputType : InputObjectGraphType<EnterpriseRecordInput>
{
    public EnterpriseRecordInputType()
    {
        Name = "EnterpriseRecordInput";
        Description = "One record of upsertEnterprises: the whole record (fields left out are cleared on update).";
        Field<NonNullGraphType<StringGraphType>>("creditCode");
        Field<NonNullGraphType<StringGraphType>>("nameZh");
        Field<StringGraphType>("nameEn");
        Field<LegalFormType>("legalForm");
        Field<DateOnlyGraphType>("establishedOn");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetMarkets");
        Field<ListGraphType<NonNullGraphType<SalesPlatformType>>>("salesPlatforms");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("productCategories");
    }
}

internal sealed class UpsertEnterprisesInput
{
    public List<EnterpriseRecordInput> Records { get; set; } = [];
    public ImportPolicy Policy { get; set; }
}

internal sealed class UpsertEnterprisesInputType : InputObjectGraphType<UpsertEnterprisesInput>
{
    public UpsertEnterprisesInputType()
    {
        Name = "UpsertEnterprisesInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseRecordInputType>>>>("records").Description($"At most {UpsertEnterprisesHandler.MaxRecords}.");
        Field<NonNullGraphType<ImportPolicyType>>("policy").DefaultValue(ImportPolicy.Upsert);
    }
}

internal sealed record UpsertResult(int Index, string? CreditCode, RowOutcome Outcome, Enterprise? Enterprise, IReadOnlyList<UserError> Errors);

internal sealed record UpsertEnterprisesPayload(IReadOnlyList<UpsertResult> Results, IReadOnlyList<UserError> Errors);

internal sealed class RowOutcomeType : EnumerationGraphType<RowOutcome>
{
    public RowOutcomeType()
    {
        Name = "UpsertOutcome";
    }
}

internal sealed class UpsertResultType : ObjectGraphType<UpsertResult>
{
    public UpsertResultType()
    {
        Name = "UpsertEnterpriseResult";
        Field(r => r.Index).Description("The record's position in the input, from 0.");
        Field(r => r.CreditCode, nullable: true);
        Field<NonNullGraphType<RowOutcomeType>>("outcome").Resolve(c => c.Source.Outcome);
        Field<EnterpriseType>("enterprise").Resolve(c => c.Source.Enterprise);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

internal sealed class UpsertEnterprisesPayloadType : ObjectGraphType<UpsertEnterprisesPayload>
{
    public UpsertEnterprisesPayloadType()
    {
        Name = "UpsertEnterprisesPayload";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UpsertResultType>>>>("results").Description("One per record, in input order.").Resolve(c => c.Source.Results);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Description("Errors of the request as a whole (then no record was applied).").Resolve(c => c.Source.Errors);
    }
}

internal static class UpsertEnterprisesHandler
{
    public const int MaxRecords = 250;

    public static async Task<UpsertEnterprisesPayload> HandleAsync(
        UpsertEnterprisesInput input, AccessContext access, EnterprisesDbContext db, IWorkstationDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!access.CanRegister())
        {
            return new([], [new UserError(ErrorCodes.Forbidden, "Only importer clients, workstation staff and the city centre write enterprise records.")]);
        }

        if (input.Records.Count > MaxRecords)
        {
            return new([], [new UserError(ErrorCodes.TooLong, $"At most {MaxRecords} records per call; use startEnterpriseImport for more.", ["input", "records"])]);
        }

        var today = ParkCalendar.Today(time);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = input.Records.Select((r, i) =>
        {
            var check = new InputCheck();
            var record = EnterpriseRecord.Check(check, r.CreditCode, r.NameZh, r.NameEn, r.LegalForm, r.EstablishedOn, r.TargetMarkets, r.SalesPlatforms, r.ProductCategories, today, "input", "records", $"{i}");
            if (record is not null && !seen.Add(record.CreditCode))
            {
                check.Add(new UserError("DUPLICATE_IN_REQUEST", "An earlier record of this request has the same credit code.", ["input", "records", $"{i}", "creditCode"]));
                record = null;
            }

            return new MappedRow(new RawRow(i, new Dictionary<string, string?>()), record, check.Errors);
        }).ToList();

        var scope = access.ImportScope();
        Guid? park = null;
        if (scope is { } workstation)
        {
            park = (await directory.ParksOfOpenWorkstationsAsync([workstation], cancellationToken)).TryGetValue(workstation, out var p) ? p : null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var results = await new EnterpriseBatch(db, time).ApplyAsync(rows, new BatchRules(input.Policy, scope, park, DryRun: false), cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // writes the batch's events to the outbox, inside the transaction
        await transaction.CommitAsync(cancellationToken);
        return new(
            [.. results.Select((r, i) => new UpsertResult(i, r.Row.Record?.CreditCode ?? input.Records[i].CreditCode, r.Outcome, r.Enterprise, r.Errors))],
            []);
    }
}

internal sealed class UpsertEnterprisesMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UpsertEnterprisesPayloadType>>("upsertEnterprises")
            .AuthorizeWithPolicy(EnterpriseAccess.WritePolicy)
            .Description($"Creates or updates up to {UpsertEnterprisesHandler.MaxRecords} enterprise records at once, matched on the credit code; valid records are applied even when others fail.")
            .Argument<NonNullGraphType<UpsertEnterprisesInputType>>("input")
            .ResolveAsync(async context => await UpsertEnterprisesHandler.HandleAsync(
                context.GetArgument<UpsertEnterprisesInput>("input"),
                context.Access(),
                context.RequestServices!.GetRequiredService<EnterprisesDbContext>(),
                context.RequestServices!.GetRequiredService<IWorkstationDirectory>(),
                context.RequestServices!.GetRequiredService<TimeProvider>(),
                context.CancellationToken));
}
