using System.Security.Cryptography;
using System.Text;

namespace IpShield.Enterprises.Domain;

/// <summary>
/// The key of an enterprise's statistics profile (<see cref="Enterprise.ProfileKey"/>): the first 32 hex digits of the
/// SHA-256 of legal form, market codes, platform codes and categories, joined by U+001F, categories by line feeds, as
/// stored. The migration and the benchmark seed compute the same in SQL
/// (<c>LEFT(SHA2(CONCAT_WS(CHAR(31 USING utf8mb4), LegalForm, MarketCodes, PlatformCodes, ProductCategories), 256), 32)</c>);
/// a test holds the two equal.
/// </summary>
internal static class EnterpriseProfileKey
{
    public const int Length = 32;

    public static string Of(LegalForm legalForm, string marketCodes, string platformCodes, IEnumerable<string> productCategories)
    {
        var text = string.Join('\u001f', legalForm.ToString(), marketCodes, platformCodes, string.Join('\n', productCategories));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..Length];
    }
}
