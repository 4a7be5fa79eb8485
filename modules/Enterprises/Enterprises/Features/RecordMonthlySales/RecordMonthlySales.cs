using IpShield.SharedKernel.Time;
using System.Globalization;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Features.RecordMonthlySales;

internal sealed class RecordMonthlySalesInput
{
    public string? Id { get; set; }
    public string? Month { get; set; }
    public long Units { get; set; }
    public decimal? Revenue { get; set; }
    public string? Currency { get; set; }
}

internal sealed class RecordMonthlySalesInputType : InputObjectGraphType<RecordMonthlySalesInput>
{
    public RecordMonthlySalesInputType()
    {
        Name = "RecordMonthlySalesInput";
        Description = "Recording a month again replaces what was recorded for it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The enterprise.");
        Field<NonNullGraphType<StringGraphType>>("month").Description("YYYY-MM, not in the future.");
        Field<NonNullGraphType<LongGraphType>>("units");
        Field<DecimalGraphType>("revenue");
        Field<StringGraphType>("currency").Description("ISO 4217 code; required with revenue.");
    }
}

internal static class RecordMonthlySalesHandler
{
    public static async Task<Payload<Enterprise>> HandleAsync(RecordMonthlySalesInput input, AccessContext access, EnterprisesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, EnterprisesGlobalIds.Enterprise, true, "input", "id");
        var parsed = DateOnly.TryParseExact($"{input.Month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month);
        var today = ParkCalendar.Today(time);
        check.Must(parsed, EnterpriseErrorCodes.InvalidDate, "month must be YYYY-MM.", "input", "month");
        check.Must(!parsed || month <= new DateOnly(today.Year, today.Month, 1), EnterpriseErrorCodes.InvalidDate, "month lies in the future.", "input", "month");
        check.Must(input.Units >= 0, ErrorCodes.Invalid, "units cannot be negative.", "input", "units");
        check.Must(input.Revenue is null or >= 0, ErrorCodes.Invalid, "revenue cannot be negative.", "input", "revenue");
        var currency = input.Currency?.Trim().ToUpperInvariant();
        check.Must(input.Revenue is null || currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper), ErrorCodes.Invalid, "A revenue needs its ISO 4217 currency code.", "input", "currency");
        if (check.Failed)
        {
            return Payload<Enterprise>.Failure(check.Errors);
        }

        var enterprise = await db.Enterprises.Visible(access).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null)
        {
            return Payload<Enterprise>.Failure(UserError.NotFound("The enterprise", "input", "id"));
        }

        if (!access.CanChange(enterprise.WorkstationId) && !(access.Roles.Contains(PlatformRoles.EnterpriseMember) && access.EnterpriseId == enterprise.Id))
        {
            return Payload<Enterprise>.Failure(new UserError(ErrorCodes.Forbidden, "Only the enterprise, its workstation and the city centre record its sales."));
        }

        var sales = await db.MonthlySales.SingleOrDefaultAsync(s => s.EnterpriseId == enterprise.Id && s.Month == month, cancellationToken);
        if (sales is null)
        {
            sales = new MonthlySales { EnterpriseId = enterprise.Id, Month = month };
            db.MonthlySales.Add(sales);
        }

        sales.Units = input.Units;
        sales.Revenue = input.Revenue;
        sales.Currency = input.Revenue is null ? null : currency;
        // A stale version or a taken unique key becomes a typed error in the mutation kit.
        await db.SaveChangesAsync(cancellationToken);

        return Payload<Enterprise>.Success(enterprise);
    }
}

internal sealed class RecordMonthlySalesMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RecordMonthlySalesInputType, EnterpriseType>("recordMonthlySales", EnterpriseAccess.WritePolicy, "enterprise", RecordMonthlySalesHandler.HandleAsync)
            .Description("Records an enterprise's sales for one month (replacing an earlier record of that month).");
}
