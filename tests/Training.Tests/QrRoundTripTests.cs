using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using IpShield.Training.CheckIn;
using IpShield.Training.Domain;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace IpShield.Training.Tests;

/// <summary>The QR image served for a registration decodes back to its check-in code with a served decoder (ZXing.Net).</summary>
public sealed class QrRoundTripTests
{
    [Fact]
    public void The_png_qr_image_decodes_back_to_the_check_in_code()
    {
        var code = new CheckInCode(Encoding.UTF8.GetBytes("a key of at least thirty-two characters!")).Issue(Guid.CreateVersion7(), Guid.CreateVersion7());

        var (width, height, gray) = PngGray.Read(CheckInQr.Png(code));
        // The image is a generated, unrotated code on a quiet zone: decoding it as a pure barcode keeps ZXing from
        // hunting finder patterns, which for some random codes found none (the test failed now and then in CI).
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true, [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8))), hints);

        Assert.NotNull(result);
        Assert.Equal(code, result.Text);
    }

    [Fact]
    public void The_svg_qr_image_is_svg_markup()
    {
        var svg = CheckInQr.Svg("TRN1.x");
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
    }
}

/// <summary>
/// Just enough of PNG (RFC 2083) to turn QRCoder's output into gray pixels for the decoder, since System.Drawing is not
/// available: non-interlaced, gray, palette, RGB or RGBA, any bit depth up to 8.
/// </summary>
internal static class PngGray
{
    public static (int Width, int Height, byte[] Gray) Read(byte[] png)
    {
        int width = 0, height = 0, depth = 0, colorType = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, depth, colorType) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        using var inflated = new MemoryStream();
        idat.Position = 0;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var channels = colorType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
        var bitsPerPixel = channels * depth;
        var stride = (width * bitsPerPixel + 7) / 8;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        var previous = new byte[stride];
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? line[i - bytesPerPixel] : 0, up = previous[i], upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }

            for (var x = 0; x < width; x++)
            {
                gray[y * width + x] = Pixel(line, x, depth, colorType, palette);
            }

            previous = line;
        }

        return (width, height, gray);
    }

    private static byte Pixel(byte[] line, int x, int depth, int colorType, byte[] palette)
    {
        if (colorType is 2 or 6)
        {
            var step = colorType == 2 ? 3 : 4;
            return (byte)((line[x * step] + line[x * step + 1] + line[x * step + 2]) / 3);
        }

        if (colorType == 4)
        {
            return line[x * 2];
        }

        var sample = depth == 8 ? line[x] : (line[x * depth / 8] >> (8 - depth - (x * depth % 8))) & ((1 << depth) - 1);
        if (colorType == 3)
        {
            return (byte)((palette[sample * 3] + palette[sample * 3 + 1] + palette[sample * 3 + 2]) / 3);
        }

        return (byte)(sample * 255 / ((1 << depth) - 1));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
