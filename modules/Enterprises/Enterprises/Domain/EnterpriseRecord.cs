using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Imports;

namespace IpShield.Enterprises.Domain;

/// <summary>Error codes of this module, beyond the platform's common ones.</summary>
internal static class EnterpriseErrorCodes
{
    public const string InvalidCreditCode = "INVALID_CREDIT_CODE";
    public const string UnknownMarket = "UNKNOWN_MARKET";
    public const string InvalidDate = "INVALID_DATE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string DuplicateInFile = ImportErrorCodes.DuplicateInFile;
    public const string AlreadyExists = "ALREADY_EXISTS";
}

/// <summary>The checked, normalized facts of one enterprise record, as registration, upsert and import write them.</summary>
internal sealed record EnterpriseRecord(
    string CreditCode,
    string NameZh,
    string? NameEn,
    LegalForm LegalForm,
    DateOnly? EstablishedOn,
    IReadOnlyList<string> TargetMarkets,
    IReadOnlyList<SalesPlatform> SalesPlatforms,
    IReadOnlyList<string> ProductCategories)
{
    /// <summary>Checks one record's fields, reporting each problem under <paramref name="path"/> + the field name.</summary>
    public static EnterpriseRecord? Check(
        InputCheck check,
        string? creditCode,
        string? nameZh,
        string? nameEn,
        LegalForm? legalForm,
        DateOnly? establishedOn,
        IEnumerable<string>? markets,
        IEnumerable<SalesPlatform>? platforms,
        IEnumerable<string>? categories,
        DateOnly today,
        params string[] path)
    {
        var before = check.Errors.Count;
        string[] At(string field) => [.. path, field];

        var code = CheckCreditCode(check, creditCode, At("creditCode"));
        var zh = check.Text(nameZh, Enterprise.NameMax, true, At("nameZh"));
        var en = check.Text(nameEn, Enterprise.NameMax, false, At("nameEn"));
        check.Must(establishedOn is null || establishedOn <= today, EnterpriseErrorCodes.InvalidDate, "establishedOn lies in the future.", At("establishedOn"));
        var marketList = CheckMarkets(check, markets, At("targetMarkets"));
        var categoryList = (categories ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        check.Must(categoryList.Count <= Enterprise.MaxCategories, ErrorCodes.TooLong, $"At most {Enterprise.MaxCategories} product categories.", At("productCategories"));
        check.Must(categoryList.All(c => c.Length <= Enterprise.CategoryMax && !c.Contains('\n', StringComparison.Ordinal)), ErrorCodes.TooLong, $"A product category has at most {Enterprise.CategoryMax} characters on one line.", At("productCategories"));

        return check.Errors.Count > before
            ? null
            : new EnterpriseRecord(code!, zh!, en, legalForm ?? LegalForm.LimitedLiabilityCompany, establishedOn, marketList, [.. (platforms ?? []).Distinct()], categoryList);
    }

    public static string? CheckCreditCode(InputCheck check, string? creditCode, string[] field)
    {
        if (string.IsNullOrWhiteSpace(creditCode))
        {
            check.Add(UserError.Required(field));
            return null;
        }

        var code = Domain.CreditCode.Normalize(creditCode);
        var problem = Domain.CreditCode.Check(code);
        if (problem != Domain.CreditCode.Problem.None)
        {
            check.Add(new UserError(EnterpriseErrorCodes.InvalidCreditCode, Domain.CreditCode.Describe(problem), field));
            return null;
        }

        return code;
    }

    public static List<string> CheckMarkets(InputCheck check, IEnumerable<string>? markets, string[] field)
    {
        var list = (markets ?? []).Select(Markets.Normalize).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.Where(m => !Markets.IsKnown(m)).ToList();
        check.Must(unknown.Count == 0, EnterpriseErrorCodes.UnknownMarket, $"Not an ISO 3166-1 alpha-2 code or a known region: {string.Join(", ", unknown)}.", field);
        check.Must(list.Count <= Markets.MaxPerEnterprise, ErrorCodes.TooLong, $"At most {Markets.MaxPerEnterprise} target markets.", field);
        return list;
    }

    /// <summary>Copies the record onto an entity; true when anything changed.</summary>
    public bool ApplyTo(Enterprise enterprise)
    {
        var salesChanged = enterprise.MarketCodes != Enterprise.Join(TargetMarkets)
            || enterprise.PlatformCodes != Enterprise.Join(SalesPlatforms.Select(p => p.ToString()))
            || !enterprise.ProductCategories.SequenceEqual(ProductCategories);
        var changed = salesChanged
            || enterprise.NameZh != NameZh
            || enterprise.NameEn != NameEn
            || enterprise.LegalForm != LegalForm
            || enterprise.EstablishedOn != EstablishedOn;
        // A change of markets, platforms or categories is announced by the enterprise itself when it is touched
        // (EnterpriseSalesProfileChanged): Portfolios' coverage and Disputes' warning targeting follow it.
        enterprise.NameZh = NameZh;
        enterprise.NameEn = NameEn;
        enterprise.LegalForm = LegalForm;
        enterprise.EstablishedOn = EstablishedOn;
        enterprise.TargetMarkets = TargetMarkets;
        enterprise.SalesPlatforms = SalesPlatforms;
        enterprise.ProductCategories = [.. ProductCategories];
        return changed;
    }
}
