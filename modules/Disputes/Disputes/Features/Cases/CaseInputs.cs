using System.Globalization;
using System.Text.RegularExpressions;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Cases;

/// <summary>Error codes of this module, beyond the platform's common ones.</summary>
internal static class DisputeErrorCodes
{
    public const string TransitionNotAllowed = "TRANSITION_NOT_ALLOWED";
    public const string StageDeadlineMissed = "STAGE_DEADLINE_MISSED";
    public const string StageDeadlineNotReached = "STAGE_DEADLINE_NOT_REACHED";
    public const string CaseClosed = "CASE_CLOSED";
    public const string OutcomeRequired = "OUTCOME_REQUIRED";
    public const string UnknownFlow = "UNKNOWN_FLOW";
    public const string UnknownCurrency = "UNKNOWN_CURRENCY";
}

/// <summary>An amount of money in an input, with its ISO 4217 currency.</summary>
internal sealed class AmountInput
{
    public AmountKind Kind { get; set; }
    public decimal Amount { get; set; }
    public string? Currency { get; set; }
}

internal sealed class AmountInputType : GraphQL.Types.InputObjectGraphType<AmountInput>
{
    public AmountInputType()
    {
        Name = "DisputeAmountInput";
        Field<GraphQL.Types.NonNullGraphType<Schema.AmountKindType>>("kind");
        Field<GraphQL.Types.NonNullGraphType<GraphQL.Types.DecimalGraphType>>("amount");
        Field<GraphQL.Types.NonNullGraphType<GraphQL.Types.StringGraphType>>("currency").Description("ISO 4217 code, e.g. USD, CNY, AED.");
    }
}

internal static partial class CaseInputs
{
    /// <summary>ISO 4217 codes of the currencies in use, as .NET's region data knows them.</summary>
    private static readonly HashSet<string> Currencies = [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return ""; } })
        .Where(c => c.Length == 3)];

    public static string? Market(InputCheck check, string? market, params string[] field)
    {
        var code = market?.Trim().ToUpperInvariant();
        check.Must(code is not null && (MarketCode().IsMatch(code)), ErrorCodes.Invalid, "market is an ISO 3166-1 alpha-2 code (or EU).", field);
        return code;
    }

    public static List<CaseAmount> Amounts(InputCheck check, Guid caseId, IEnumerable<AmountInput>? amounts, DateOnly on, params string[] field)
    {
        var list = new List<CaseAmount>();
        foreach (var (amount, i) in (amounts ?? []).Select((a, i) => (a, i)))
        {
            string[] at = [.. field, i.ToString(CultureInfo.InvariantCulture)];
            var currency = amount.Currency?.Trim().ToUpperInvariant() ?? "";
            check.Must(Currencies.Count == 0 ? CurrencyCode().IsMatch(currency) : Currencies.Contains(currency), DisputeErrorCodes.UnknownCurrency,
                $"'{amount.Currency}' is not an ISO 4217 currency code.", [.. at, "currency"]);
            check.Must(amount.Amount >= 0 && decimal.Round(amount.Amount, 2) == amount.Amount && amount.Amount < 10_000_000_000_000_000m,
                ErrorCodes.Invalid, "An amount is not negative and has at most two decimals.", [.. at, "amount"]);
            list.Add(new CaseAmount { CaseId = caseId, Kind = amount.Kind, Amount = amount.Amount, Currency = currency, On = on });
        }

        return list;
    }

    public static List<string> Lines(InputCheck check, IEnumerable<string>? values, int maxLength, int maxCount, params string[] field)
    {
        var list = (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        check.Must(list.Count <= maxCount, ErrorCodes.TooLong, $"At most {maxCount} entries.", field);
        check.Must(list.All(v => v.Length <= maxLength && !v.Contains('\n', StringComparison.Ordinal)), ErrorCodes.TooLong,
            $"An entry has at most {maxLength} characters on one line.", field);
        return list;
    }

    /// <summary>The case, tracked, if the caller may see it; a closed case is returned too (the caller decides).</summary>
    public static async Task<(DisputeCase? Case, UserError? Error)> VisibleCaseAsync(DisputesDbContext db, AccessContext access, string? caseId, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(caseId, DisputesGlobalIds.DisputeCase, true, "input", "caseId");
        if (check.Failed)
        {
            return (null, check.Errors[0]);
        }

        var found = await db.Cases.Visible(access).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return found is null ? (null, UserError.NotFound("The case", "input", "caseId")) : (found, null);
    }

    /// <summary>The last day each stage of the case was entered, for deadlines anchored on an earlier stage.</summary>
    public static async Task<Dictionary<string, DateOnly>> StagesEnteredAsync(DisputesDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        (await db.Timeline.Where(t => t.CaseId == caseId && t.ToStage != null).Select(t => new { t.ToStage, t.On, t.Id }).ToListAsync(cancellationToken))
            .OrderBy(t => t.Id).GroupBy(t => t.ToStage!).ToDictionary(g => g.Key, g => g.Last().On);

    [GeneratedRegex("^([A-Z]{2})$")]
    private static partial Regex MarketCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}

/// <summary>Global ids of cases, for error paths.</summary>
internal static class CaseIds
{
    public static string Of(Guid id) => IpShield.SharedKernel.GraphQL.Relay.GlobalId.Encode(DisputesGlobalIds.DisputeCase, id);
}
