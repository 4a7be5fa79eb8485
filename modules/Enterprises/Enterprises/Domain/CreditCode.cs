namespace IpShield.Enterprises.Domain;

/// <summary>
/// The 18-character unified social credit code (GB 32100-2015): digits and upper-case letters except I, O, Z, S
/// and V, the last one a check character over the first 17.
/// </summary>
internal static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public enum Problem
    {
        None,
        Length,
        Character,
        CheckCharacter,
    }

    /// <summary>Upper-cases and trims; the stored form.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static Problem Check(string code)
    {
        if (code.Length != Length)
        {
            return Problem.Length;
        }

        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return Problem.Character;
            }

            if (i < Length - 1)
            {
                sum += value * Weights[i];
            }
        }

        return Alphabet[(31 - (sum % 31)) % 31] == code[^1] ? Problem.None : Problem.CheckCharacter;
    }

    public static string Describe(Problem problem) => problem switch
    {
        Problem.Length => "A unified social credit code has 18 characters.",
        Problem.Character => "A unified social credit code uses digits and the letters A-Y except I, O, S, V (and no Z).",
        Problem.CheckCharacter => "The check character (the 18th) does not match the first 17 (GB 32100-2015).",
        _ => string.Empty,
    };

    /// <summary>A valid code packed into 90 bits, exactly: lets an import remember a million codes in little memory.</summary>
    public static UInt128 Pack(string code)
    {
        UInt128 packed = 0;
        foreach (var c in code)
        {
            packed = (packed << 5) | (uint)Alphabet.IndexOf(c, StringComparison.Ordinal);
        }

        return packed;
    }

    /// <summary>Completes 17 characters with their check character (demo data, tests).</summary>
    public static string WithCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return first17 + Alphabet[(31 - (sum % 31)) % 31];
    }
}
