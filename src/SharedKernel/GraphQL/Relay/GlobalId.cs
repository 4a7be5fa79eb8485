using System.Buffers.Text;
using System.Text;

namespace IpShield.SharedKernel.GraphQL.Relay;

/// <summary>Opaque global ids: the GraphQL type name and the key, encoded so clients do not build or parse them.</summary>
public static class GlobalId
{
    public static string Encode(string typeName, Guid key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{key:N}"));

    /// <summary>Decodes an id; false for anything that is not an id this platform issued.</summary>
    public static bool TryDecode(string? id, out string typeName, out Guid key)
    {
        typeName = string.Empty;
        key = Guid.Empty;
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[Base64Url.GetMaxDecodedLength(id.Length)];
        if (Base64Url.DecodeFromChars(id, buffer, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Guid.TryParseExact(text.AsSpan(colon + 1), "N", out key))
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    /// <summary>Decodes an id that must be of the given type.</summary>
    public static bool TryDecode(string? id, string expectedTypeName, out Guid key) =>
        TryDecode(id, out var typeName, out key) && typeName == expectedTypeName;
}
