using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IpShield.SharedKernel.Mail;

/// <summary>
/// Links in mail that act without signing in (turning a digest off): the token is the subject's id and an HMAC-SHA256 of
/// purpose and id under <c>Mail:LinkKey</c>, so it cannot be guessed or moved to another person or purpose, and every
/// host sharing the key accepts it.
/// </summary>
public sealed class MailLinks(MailOptions options)
{
    private const int IdBytes = 16;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.EffectiveLinkKey);

    public string Token(string purpose, Guid subject)
    {
        var id = subject.ToByteArray();
        byte[] token = [.. id, .. Mac(purpose, id)];
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The absolute link to <paramref name="path"/> carrying the token, under Mail:PublicUrl.</summary>
    public string Link(string path, string purpose, Guid subject) =>
        $"{(options.PublicUrl ?? string.Empty).TrimEnd('/')}{path}?token={Token(purpose, subject)}";

    public bool TryVerify(string purpose, string? token, out Guid subject)
    {
        subject = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length != IdBytes + 32)
        {
            return false;
        }

        var id = bytes[..IdBytes];
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(IdBytes), Mac(purpose, id)))
        {
            return false;
        }

        subject = new Guid(id);
        return true;
    }

    private byte[] Mac(string purpose, byte[] id)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes(purpose), 0, .. id];
        return HMACSHA256.HashData(_key, signed);
    }
}
