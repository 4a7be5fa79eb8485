using System.Globalization;

namespace IpShield.Portfolios.Domain;

/// <summary>
/// Where a right is protected: an ISO 3166-1 alpha-2 country, the European Union (EUIPO, code <c>EU</c>, the
/// exceptionally reserved ISO code) or a WIPO Madrid international registration (code <c>WO</c>, WIPO ST.3).
/// </summary>
internal readonly record struct Jurisdiction
{
    public static readonly Jurisdiction China = new("CN");
    public static readonly Jurisdiction EuropeanUnion = new("EU");
    public static readonly Jurisdiction UnitedStates = new("US");
    public static readonly Jurisdiction Madrid = new("WO");
    public static readonly Jurisdiction UnitedArabEmirates = new("AE");
    public static readonly Jurisdiction SaudiArabia = new("SA");

    private Jurisdiction(string code) => Code = code;

    public string Code { get; }

    /// <summary>Accepts <c>EU</c>, <c>WO</c> and any two-letter code the platform's ISO 3166-1 region data knows, in any case.</summary>
    public static bool TryParse(string? code, out Jurisdiction jurisdiction)
    {
        jurisdiction = default;
        if (code is not { Length: 2 } || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            return false;
        }

        var upper = code.ToUpperInvariant();
        if (upper is "EU" or "WO" || IsIsoCountry(upper))
        {
            jurisdiction = new Jurisdiction(upper);
            return true;
        }

        return false;
    }

    public static Jurisdiction Parse(string code) =>
        TryParse(code, out var jurisdiction) ? jurisdiction : throw new ArgumentException($"'{code}' is not a jurisdiction.", nameof(code));

    public override string ToString() => Code;

    private static bool IsIsoCountry(string code)
    {
        try
        {
            // ICU knows user-assigned codes too (XK, ZZ "unknown region"); only a region that names itself back counts.
            var region = new RegionInfo(code);
            return region.TwoLetterISORegionName == code && code != "ZZ";
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
