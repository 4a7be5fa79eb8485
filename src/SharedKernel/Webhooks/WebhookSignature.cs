using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IpShield.SharedKernel.Webhooks;

/// <summary>
/// Stripe's scheme: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>. The timestamp is
/// signed with the body, so a receiver that refuses old timestamps refuses a replayed request too.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "IpShield-Signature";

    /// <summary>How far a receiver should let the signed time be from its own clock (docs/webhooks.md).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new signing secret: 32 random bytes, base64url, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>The header's value: <c>t=…,v1=…</c>.</summary>
    public static string HeaderValue(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Sign(secret, timestamp, body)}");

    /// <summary>
    /// What a receiver does: true when some <c>v1</c> of the header is the signature of the body at the header's time, and
    /// that time is within <paramref name="tolerance"/> of <paramref name="now"/>. Compared in constant time.
    /// </summary>
    public static bool Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }

        if (timestamp is not { } signedAt || signatures.Count == 0 || Math.Abs(now.ToUnixTimeSeconds() - signedAt) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, signedAt, body));
        var any = false;
        foreach (var signature in signatures)
        {
            any |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
        }

        return any;
    }
}

/// <summary>When a failed delivery is tried again.</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The wait after <paramref name="failures"/> failed attempts: <paramref name="first"/> doubled for each failure after the
    /// first, at most <paramref name="max"/>, of which a random half ("equal jitter"): receivers that came back after an
    /// outage are not hit by every host's retries at the same instant, and the wait still grows.
    /// </summary>
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan max, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }
}
