using System.Security.Cryptography;
using System.Text;

namespace IpShield.Training.Domain;

/// <summary>
/// The code printed on a registration's QR image: <c>TRN1.{registration}.{session}.{signature}</c>, the signature an
/// HMAC-SHA256 over the registration and session ids with the platform's key. A door scanner needs no database to tell a
/// forged code, and a code copied to another session names its own session.
/// </summary>
internal sealed class CheckInCode(byte[] key)
{
    private const string Prefix = "TRN1";

    public string Issue(Guid registrationId, Guid sessionId) =>
        $"{Prefix}.{registrationId:N}.{sessionId:N}.{Signature(registrationId, sessionId)}";

    /// <summary>The ids a genuine code names; false for anything not signed with this key.</summary>
    public bool TryRead(string? code, out Guid registrationId, out Guid sessionId)
    {
        registrationId = sessionId = Guid.Empty;
        var parts = (code ?? "").Trim().Split('.');
        if (parts.Length != 4 || parts[0] != Prefix
            || !Guid.TryParseExact(parts[1], "N", out var registration) || !Guid.TryParseExact(parts[2], "N", out var session))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(registration, session));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[3])))
        {
            return false;
        }

        (registrationId, sessionId) = (registration, session);
        return true;
    }

    private string Signature(Guid registrationId, Guid sessionId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{registrationId:N}:{sessionId:N}"));
        return Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_'); // 144 bits: short enough for a small QR
    }
}
