using System.Globalization;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Features.RecordIpRight;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Import;

/// <summary>The rights import's own error codes (docs/import-format.md); the shared ones are in <see cref="ImportErrorCodes"/>.</summary>
internal static class RightImportErrorCodes
{
    public const string UnknownEnterprise = "UNKNOWN_ENTERPRISE";
    public const string InvalidKind = "INVALID_KIND";
    public const string InvalidJurisdiction = "INVALID_JURISDICTION";
    public const string InvalidNiceClass = "INVALID_NICE_CLASS";
    public const string InvalidDate = "INVALID_DATE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string AlreadyRecorded = "ALREADY_RECORDED";
}

/// <summary>A row's checked right, and the credit code its enterprise is found by.</summary>
internal sealed record RightRecord(string CreditCode, NewIpRight Right)
{
    /// <summary>What makes two rows the same right: enterprise, kind, jurisdiction and application number (when there is one).</summary>
    public (string, RightKind, string, string)? Identity =>
        Right.ApplicationNumber is { } number ? (CreditCode, Right.Input.Kind, Right.Jurisdiction.Code, number.ToUpperInvariant()) : null;
}

/// <summary>
/// A file row onto <c>recordIpRight</c>'s input, then through the same checks (<see cref="RecordIpRightHandler.Check"/>):
/// the import records exactly what the mutation would, and its deadlines are computed by the same engine. Text the
/// input's types would refuse (a kind, a date, a class) is reported here, each under its column.
/// </summary>
internal static class RightRowMapping
{
    private static readonly char[] ListSeparators = [';', '|', '、', '；', ',', '，', ' '];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.MM.dd", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss"];

    private static readonly Dictionary<string, RightKind> Kinds = new(StringComparer.Ordinal)
    {
        ["商标"] = RightKind.Trademark,
        ["发明"] = RightKind.InventionPatent,
        ["发明专利"] = RightKind.InventionPatent,
        ["实用新型"] = RightKind.UtilityModel,
        ["外观设计"] = RightKind.Design,
        ["著作权"] = RightKind.Copyright,
        ["版权"] = RightKind.Copyright,
    };

    private static readonly Dictionary<string, MarkForm> MarkForms = new(StringComparer.Ordinal)
    {
        ["文字"] = MarkForm.Word,
        ["图形"] = MarkForm.Figurative,
        ["组合"] = MarkForm.Combined,
    };

    public static ImportRow<RightRecord> Map(RawRow raw, DateOnly today)
    {
        if (ImportRow<RightRecord>.Unreadable(raw) is { } unreadable)
        {
            return unreadable;
        }

        var errors = new List<UserError>();
        string? Value(string column) => raw.Values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        void Problem(string code, string message, string column) => errors.Add(new UserError(code, message, [column]));

        var creditCode = Value(RightColumn.CreditCode)?.ToUpperInvariant();
        if (creditCode is null)
        {
            Problem(ErrorCodes.Required, "credit_code is required: the enterprise holding the right.", RightColumn.CreditCode);
        }

        var kind = ParseKind(Value(RightColumn.Kind), Problem);
        var filedOn = ParseDate(Value(RightColumn.FiledOn), RightColumn.FiledOn, Problem, required: true);
        var input = new RecordIpRightInput
        {
            Kind = kind ?? RightKind.Trademark,
            Jurisdiction = Value(RightColumn.Jurisdiction),
            NameZh = Value(RightColumn.NameZh),
            NameEn = Value(RightColumn.NameEn),
            NameAr = Value(RightColumn.NameAr),
            MarkForm = ParseMarkForm(Value(RightColumn.MarkForm), Problem),
            NiceClasses = ParseClasses(Value(RightColumn.NiceClasses), Problem),
            ApplicationNumber = Value(RightColumn.ApplicationNumber),
            RegistrationNumber = Value(RightColumn.RegistrationNumber),
            FiledOn = filedOn ?? today,
            PriorityOn = ParseDate(Value(RightColumn.PriorityOn), RightColumn.PriorityOn, Problem),
            PublishedOn = ParseDate(Value(RightColumn.PublishedOn), RightColumn.PublishedOn, Problem),
            RegisteredOn = ParseDate(Value(RightColumn.RegisteredOn), RightColumn.RegisteredOn, Problem),
            Agent = Value(RightColumn.Agent),
        };
        if (input.Jurisdiction is null)
        {
            Problem(ErrorCodes.Required, "jurisdiction is required: an ISO 3166-1 alpha-2 code, EU or WO.", RightColumn.Jurisdiction);
        }

        // The mutation's own checks, on what could be read; a column already reported is not reported twice.
        var check = new InputCheck();
        var right = RecordIpRightHandler.Check(input, check, today);
        foreach (var error in check.Errors)
        {
            var column = RightColumn.OfField(error.Field is { Count: > 0 } field ? field[^1] : "");
            var unknowable = (column == RightColumn.Kind && kind is null)
                || (filedOn is null && column is RightColumn.PriorityOn or RightColumn.PublishedOn or RightColumn.RegisteredOn);
            if (unknowable || errors.Any(e => e.Field?[0] == column))
            {
                continue; // reported already, or not decidable without a value the row lacks
            }

            errors.Add(new UserError(CodeOf(error.Code, column), error.Message, [column]));
        }

        return errors.Count == 0 && right is not null && kind is not null
            ? new ImportRow<RightRecord>(raw, new RightRecord(creditCode!, right), [])
            : new ImportRow<RightRecord>(raw, null, errors);
    }

    /// <summary>The mutation says INVALID; a file row's author is told which kind of value was wrong.</summary>
    private static string CodeOf(string code, string column) => code != ErrorCodes.Invalid ? code : column switch
    {
        RightColumn.Jurisdiction => RightImportErrorCodes.InvalidJurisdiction,
        RightColumn.NiceClasses => RightImportErrorCodes.InvalidNiceClass,
        RightColumn.FiledOn or RightColumn.PriorityOn or RightColumn.PublishedOn or RightColumn.RegisteredOn => RightImportErrorCodes.InvalidDate,
        _ => code,
    };

    private static string Key(string text) =>
        text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static RightKind? ParseKind(string? value, Action<string, string, string> problem)
    {
        if (value is null)
        {
            problem(ErrorCodes.Required, "kind is required: trademark, invention_patent, utility_model, design or copyright.", RightColumn.Kind);
            return null;
        }

        if (Kinds.TryGetValue(value, out var kind) || Enum.TryParse(Key(value), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(value[0]))
        {
            return kind;
        }

        problem(RightImportErrorCodes.InvalidKind, $"'{value}' is not a kind of right: trademark, invention_patent, utility_model, design or copyright (or 商标, 发明专利, 实用新型, 外观设计, 著作权).", RightColumn.Kind);
        return null;
    }

    private static MarkForm? ParseMarkForm(string? value, Action<string, string, string> problem)
    {
        if (value is null)
        {
            return null;
        }

        if (MarkForms.TryGetValue(value, out var form) || Enum.TryParse(Key(value), ignoreCase: true, out form) && Enum.IsDefined(form) && !char.IsAsciiDigit(value[0]))
        {
            return form;
        }

        problem(RightImportErrorCodes.InvalidValue, $"'{value}' is not a mark form: word, figurative or combined (文字, 图形, 组合).", RightColumn.MarkForm);
        return null;
    }

    private static List<int>? ParseClasses(string? value, Action<string, string, string> problem)
    {
        if (value is null)
        {
            return null;
        }

        var classes = new List<int>();
        foreach (var item in value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = item.TrimStart('第').TrimEnd('类');
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 45)
            {
                classes.Add(number);
            }
            else
            {
                problem(RightImportErrorCodes.InvalidNiceClass, $"'{item}' is not a Nice class (1–45).", RightColumn.NiceClasses);
                return null;
            }
        }

        return classes;
    }

    private static DateOnly? ParseDate(string? value, string column, Action<string, string, string> problem, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                problem(ErrorCodes.Required, $"{column} is required (YYYY-MM-DD).", column);
            }

            return null;
        }

        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.TimeOfDay == TimeSpan.Zero)
        {
            return DateOnly.FromDateTime(date);
        }

        problem(RightImportErrorCodes.InvalidDate, $"'{value}' is not a date (use YYYY-MM-DD).", column);
        return null;
    }
}
