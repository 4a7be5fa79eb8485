using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Import;

/// <summary>The rights import file's columns (docs/import-format.md): English names, or the Chinese headers of agents' registers.</summary>
internal static class RightColumn
{
    public const string CreditCode = "credit_code";
    public const string Kind = "kind";
    public const string Jurisdiction = "jurisdiction";
    public const string NameZh = "name_zh";
    public const string NameEn = "name_en";
    public const string NameAr = "name_ar";
    public const string MarkForm = "mark_form";
    public const string NiceClasses = "nice_classes";
    public const string ApplicationNumber = "application_number";
    public const string RegistrationNumber = "registration_number";
    public const string FiledOn = "filed_on";
    public const string PriorityOn = "priority_on";
    public const string PublishedOn = "published_on";
    public const string RegisteredOn = "registered_on";
    public const string Agent = "agent";

    public static readonly string[] All =
        [CreditCode, Kind, Jurisdiction, NameZh, NameEn, NameAr, MarkForm, NiceClasses, ApplicationNumber, RegistrationNumber, FiledOn, PriorityOn, PublishedOn, RegisteredOn, Agent];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["统一社会信用代码"] = CreditCode,
        ["creditcode"] = CreditCode,
        ["权利类型"] = Kind,
        ["类型"] = Kind,
        ["法域"] = Jurisdiction,
        ["国家/地区"] = Jurisdiction,
        ["国家地区"] = Jurisdiction,
        ["名称"] = NameZh,
        ["商标名称"] = NameZh,
        ["中文名称"] = NameZh,
        ["namezh"] = NameZh,
        ["英文名称"] = NameEn,
        ["nameen"] = NameEn,
        ["阿拉伯文名称"] = NameAr,
        ["namear"] = NameAr,
        ["商标形式"] = MarkForm,
        ["markform"] = MarkForm,
        ["尼斯分类"] = NiceClasses,
        ["类别"] = NiceClasses,
        ["niceclasses"] = NiceClasses,
        ["申请号"] = ApplicationNumber,
        ["applicationnumber"] = ApplicationNumber,
        ["注册号"] = RegistrationNumber,
        ["授权号"] = RegistrationNumber,
        ["registrationnumber"] = RegistrationNumber,
        ["申请日"] = FiledOn,
        ["filedon"] = FiledOn,
        ["优先权日"] = PriorityOn,
        ["priorityon"] = PriorityOn,
        ["公告日"] = PublishedOn,
        ["初审公告日"] = PublishedOn,
        ["publishedon"] = PublishedOn,
        ["注册日"] = RegisteredOn,
        ["授权日"] = RegisteredOn,
        ["registeredon"] = RegisteredOn,
        ["代理机构"] = Agent,
    };

    public static string Normalize(string header)
    {
        var name = RowSources.NormalizeHeader(header);
        return Aliases.TryGetValue(name, out var canonical) ? canonical : name;
    }

    /// <summary>The column an input field of <c>recordIpRight</c> comes from.</summary>
    public static string OfField(string field) => field switch
    {
        "enterpriseId" => CreditCode,
        "kind" => Kind,
        "jurisdiction" => Jurisdiction,
        "nameZh" => NameZh,
        "nameEn" => NameEn,
        "nameAr" => NameAr,
        "markForm" => MarkForm,
        "niceClasses" => NiceClasses,
        "applicationNumber" => ApplicationNumber,
        "registrationNumber" => RegistrationNumber,
        "filedOn" => FiledOn,
        "priorityOn" => PriorityOn,
        "publishedOn" => PublishedOn,
        "registeredOn" => RegisteredOn,
        "agent" => Agent,
        _ => field,
    };
}
