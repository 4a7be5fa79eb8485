using QRCoder;

namespace IpShield.Training.CheckIn;

/// <summary>The check-in code drawn as a QR image by QRCoder, without System.Drawing.</summary>
internal static class CheckInQr
{
    public static byte[] Png(string code)
    {
        using var data = Encode(code);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    public static string PngDataUri(string code) => $"data:image/png;base64,{Convert.ToBase64String(Png(code))}";

    public static string Svg(string code)
    {
        using var data = Encode(code);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>Quartile error correction: a phone screen with a crack or glare still scans.</summary>
    private static QRCodeData Encode(string code)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.Q);
    }
}
