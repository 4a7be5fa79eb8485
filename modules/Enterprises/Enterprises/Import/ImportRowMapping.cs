using System.Globalization;
using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Imports;

namespace IpShield.Enterprises.Import;

/// <summary>The import file's columns (docs/import-format.md): English names, or the Chinese headers registries use.</summary>
internal static class Column
{
    public const string CreditCode = "credit_code";
    public const string NameZh = "name_zh";
    public const string NameEn = "name_en";
    public const string LegalForm = "legal_form";
    public const string EstablishedOn = "established_on";
    public const string TargetMarkets = "target_markets";
    public const string SalesPlatforms = "sales_platforms";
    public const string ProductCategories = "product_categories";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["统一社会信用代码"] = CreditCode,
        ["creditcode"] = CreditCode,
        ["企业名称"] = NameZh,
        ["中文名称"] = NameZh,
        ["namezh"] = NameZh,
        ["英文名称"] = NameEn,
        ["nameen"] = NameEn,
        ["企业类型"] = LegalForm,
        ["legalform"] = LegalForm,
        ["成立日期"] = EstablishedOn,
        ["establishedon"] = EstablishedOn,
        ["目标市场"] = TargetMarkets,
        ["targetmarkets"] = TargetMarkets,
        ["销售平台"] = SalesPlatforms,
        ["salesplatforms"] = SalesPlatforms,
        ["产品类别"] = ProductCategories,
        ["productcategories"] = ProductCategories,
    };

    /// <summary>The canonical name of a header or JSON key: trimmed, lower-case, aliases resolved.</summary>
    public static string Normalize(string header)
    {
        var name = RowSources.NormalizeHeader(header);
        return Aliases.TryGetValue(name, out var canonical) ? canonical : name;
    }

    /// <summary>The column an input field of <see cref="EnterpriseRecord.Check"/> comes from.</summary>
    public static string OfField(string field) => field switch
    {
        "creditCode" => CreditCode,
        "nameZh" => NameZh,
        "nameEn" => NameEn,
        "establishedOn" => EstablishedOn,
        "targetMarkets" => TargetMarkets,
        "productCategories" => ProductCategories,
        _ => field,
    };
}

internal static class ImportRowMapping
{
    private static readonly char[] ListSeparators = [';', '|', '、', '；', ','];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.MM.dd", "yyyy年M月d日"];

    private static readonly Dictionary<string, LegalForm> LegalForms = new(StringComparer.Ordinal)
    {
        ["有限责任公司"] = LegalForm.LimitedLiabilityCompany,
        ["股份有限公司"] = LegalForm.JointStockCompany,
        ["个人独资企业"] = LegalForm.SoleProprietorship,
        ["合伙企业"] = LegalForm.Partnership,
        ["个体工商户"] = LegalForm.IndividualBusiness,
        ["外商投资企业"] = LegalForm.ForeignInvested,
        ["其他"] = LegalForm.Other,
    };

    private static readonly Dictionary<string, SalesPlatform> Platforms = new(StringComparer.Ordinal)
    {
        ["独立站"] = SalesPlatform.OwnSite,
        ["ownsite"] = SalesPlatform.OwnSite,
        ["website"] = SalesPlatform.OwnSite,
        ["亚马逊"] = SalesPlatform.Amazon,
        ["速卖通"] = SalesPlatform.AliExpress,
        ["tiktok"] = SalesPlatform.TikTokShop,
        ["其他"] = SalesPlatform.Other,
    };

    public static MappedRow Map(RawRow raw, DateOnly today)
    {
        if (MappedRow.Unreadable(raw) is { } unreadable)
        {
            return unreadable;
        }

        var check = new InputCheck();
        string? Value(string column) => raw.Values.TryGetValue(column, out var v) ? v : null;

        var legalForm = ParseLegalForm(check, Value(Column.LegalForm));
        var established = ParseDate(check, Value(Column.EstablishedOn));
        var platforms = ParsePlatforms(check, Value(Column.SalesPlatforms));
        var record = EnterpriseRecord.Check(
            check,
            Value(Column.CreditCode),
            Value(Column.NameZh),
            Value(Column.NameEn),
            legalForm,
            established,
            Split(Value(Column.TargetMarkets)),
            platforms,
            Split(Value(Column.ProductCategories)),
            today);
        var errors = check.Errors.Select(e => e with { Field = e.Field is { Count: > 0 } f ? [Column.OfField(f[^1])] : null }).ToList();
        return new MappedRow(raw, errors.Count == 0 ? record : null, errors);
    }

    private static List<string> Split(string? value) =>
        value is null ? [] : [.. value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static LegalForm? ParseLegalForm(InputCheck check, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (LegalForms.TryGetValue(text, out var form) || Enum.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out form))
        {
            return form;
        }

        check.Add(new UserError(EnterpriseErrorCodes.InvalidValue, $"'{text}' is not a legal form (see docs/import-format.md).", [Column.LegalForm]));
        return null;
    }

    private static DateOnly? ParseDate(InputCheck check, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        check.Add(new UserError(EnterpriseErrorCodes.InvalidDate, $"'{value.Trim()}' is not a date (use YYYY-MM-DD).", [Column.EstablishedOn]));
        return null;
    }

    private static List<SalesPlatform> ParsePlatforms(InputCheck check, string? value)
    {
        var platforms = new List<SalesPlatform>();
        foreach (var item in Split(value))
        {
            var key = item.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            if (Platforms.TryGetValue(key, out var platform) || Platforms.TryGetValue(item, out platform) || Enum.TryParse(key, ignoreCase: true, out platform))
            {
                platforms.Add(platform);
            }
            else
            {
                check.Add(new UserError(EnterpriseErrorCodes.InvalidValue, $"'{item}' is not a known sales platform (see docs/import-format.md).", [Column.SalesPlatforms]));
            }
        }

        return platforms;
    }
}
