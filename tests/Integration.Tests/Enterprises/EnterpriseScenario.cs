using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>Registers enterprises through the public API, and makes valid credit codes the way GB 32100-2015 says.</summary>
internal sealed class EnterpriseScenario(GraphQLClient client)
{
    public const string EnterpriseFields =
        "id creditCode nameZh nameEn legalForm establishedOn parkId workstationId settledOn targetMarkets salesPlatforms productCategories version " +
        "certifications { platform status recordedStatus certifiedOn expiresOn certificateNumber } monthlySales { month units revenue currency } contacts { name role email }";

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static int _sequence = Random.Shared.Next(1_000_000);

    /// <summary>A fresh valid code: region 420100 (Wuhan), a unique serial, and the check character.</summary>
    public static string NewCreditCode()
    {
        var serial = Interlocked.Increment(ref _sequence);
        var body = $"914201{Random.Shared.Next(10, 99)}MA{serial:D7}";
        return body + CheckCharacter(body);
    }

    public static char CheckCharacter(string first17)
    {
        var sum = first17.Select((c, i) => Alphabet.IndexOf(c, StringComparison.Ordinal) * Weights[i]).Sum();
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The same code with a wrong check character.</summary>
    public static string Corrupted(string code) =>
        code[..17] + Alphabet[(Alphabet.IndexOf(code[17], StringComparison.Ordinal) + 1) % Alphabet.Length];

    public async Task<JsonElement> RegisterAsync(string creditCode, string nameZh, string? nameEn = null, string[]? markets = null, string[]? platforms = null, string? establishedOn = null, object[]? contacts = null)
    {
        var data = await client.DataAsync(
            $"mutation($input: RegisterEnterpriseInput!) {{ registerEnterprise(input: $input) {{ enterprise {{ {EnterpriseFields} }} errors {{ code message field }} }} }}",
            new { input = new { creditCode, nameZh, nameEn, targetMarkets = markets ?? ["AE"], salesPlatforms = platforms ?? ["NOON"], establishedOn, contacts } });
        Assert.True(data.At("registerEnterprise.errors").GetArrayLength() == 0, data.At("registerEnterprise.errors").ToString());
        return data.At("registerEnterprise.enterprise");
    }

    public async Task<JsonElement> MutateAsync(string field, string inputType, object input)
    {
        var data = await client.DataAsync(
            $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ enterprise {{ {EnterpriseFields} }} errors {{ code message field }} }} }}",
            new { input });
        return data.At(field);
    }

    public static IReadOnlyList<string?> Codes(JsonElement payload) =>
        [.. payload.At("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];
}
