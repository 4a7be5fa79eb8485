using System.Buffers;
using System.Text;
using System.Globalization;
using System.Text.Json;
using MiniExcelLibs;

namespace IpShield.SharedKernel.Imports;

/// <summary>One record of an import file: its first line number, its values by column, or why it could not be read.</summary>
public sealed record RawRow(long Line, IReadOnlyDictionary<string, string?> Values, string? ProblemCode = null, string? ProblemColumn = null, string? ProblemMessage = null);

public enum TextEncoding
{
    Utf8,
    Gb18030,
}

/// <summary>
/// Reads import files as a stream of rows, never the whole file: CSV (RFC 4180, UTF-8 with or without BOM, or
/// GB18030 as Chinese Excel saves it), JSONL (one JSON object per line, UTF-8) and Excel .xlsx (the first sheet, its
/// first row the header, read with MiniExcel's streaming reader). CSV is split on bytes — quote, comma and line feed
/// never occur inside a UTF-8 or GB18030 multi-byte character — and each field is decoded strictly, so a row with
/// broken bytes is reported alone instead of spoiling the file. Column names pass through the module's
/// <c>normalize</c> (its aliases) after <see cref="NormalizeHeader"/>.
/// </summary>
public static class RowSources
{
    public const int MaxFieldBytes = 64 * 1024;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static RowSources() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A header or JSON key trimmed (BOM too) and in lower case: what every module's aliases are keyed by.</summary>
    public static string NormalizeHeader(string header) => header.Trim().Trim('\uFEFF').ToLowerInvariant();

    public static IEnumerable<RawRow> Read(string path, ImportFormat format, Func<string, string> normalize)
    {
        if (format == ImportFormat.Xlsx)
        {
            foreach (var row in ReadXlsx(path, normalize))
            {
                yield return row;
            }

            yield break;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var encoding = DetectEncoding(stream);
        var decoder = encoding == TextEncoding.Utf8 ? StrictUtf8 : Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var rows = format == ImportFormat.Csv ? ReadCsv(stream, decoder, normalize) : ReadJsonl(stream, normalize);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>
    /// A UTF-8 BOM means UTF-8. Otherwise the first 64 KB decide: more invalid UTF-8 sequences than valid multi-byte
    /// ones mean GB18030 (what Excel on a Chinese Windows saves as "CSV"). Leaves the stream after any BOM.
    /// </summary>
    public static TextEncoding DetectEncoding(Stream stream)
    {
        var sample = new byte[64 * 1024];
        var length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var bom = length >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF;
        stream.Position = bom ? 3 : 0;
        if (bom)
        {
            return TextEncoding.Utf8;
        }

        int valid = 0, invalid = 0;
        var span = sample.AsSpan(0, length);
        while (!span.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                valid += consumed > 1 ? 1 : 0;
            }
            else if (status == OperationStatus.InvalidData)
            {
                invalid++;
            }

            span = span[Math.Max(consumed, 1)..];
        }

        return invalid > valid ? TextEncoding.Gb18030 : TextEncoding.Utf8;
    }

    private static IEnumerable<RawRow> ReadCsv(Stream stream, Encoding encoding, Func<string, string> normalize)
    {
        var input = new BufferedStream(stream, 64 * 1024);
        var line = 1L;
        string[]? header = null;
        var fields = new List<byte[]>();
        var field = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            var startLine = line;
            var (end, malformed) = ReadRecord(input, fields, field, ref line);
            if (end && fields.Count == 0)
            {
                yield break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }

            if (header is null)
            {
                header = [.. fields.Select(f => normalize(NormalizeHeader(Decode(f, encoding) ?? string.Empty)))];
                continue;
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? badColumn = null;
            for (var i = 0; i < fields.Count; i++)
            {
                var name = i < header.Length ? header[i] : $"column_{i + 1}";
                var text = Decode(fields[i], encoding);
                if (text is null)
                {
                    badColumn ??= name;
                    text = Encoding.Latin1.GetString(fields[i]); // shown in the report so the row can be found and fixed
                }

                values[name] = text;
            }

            if (malformed)
            {
                yield return new RawRow(startLine, values, ImportErrorCodes.MalformedRow, null, "The row is not valid CSV (an unclosed quote, or a field longer than 64 KB).");
            }
            else if (badColumn is not null)
            {
                yield return new RawRow(startLine, values, ImportErrorCodes.InvalidEncoding, badColumn, $"The {badColumn} field is not valid {(encoding is UTF8Encoding ? "UTF-8" : "GB18030")} text.");
            }
            else if (fields.Count != header.Length)
            {
                yield return new RawRow(startLine, values, ImportErrorCodes.MalformedRow, null, $"The row has {fields.Count} fields; the header has {header.Length}.");
            }
            else
            {
                yield return new RawRow(startLine, values);
            }

            if (end)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads one CSV record into <paramref name="fields"/>; true at the end of the file.</summary>
    private static (bool End, bool Malformed) ReadRecord(BufferedStream input, List<byte[]> fields, ArrayBufferWriter<byte> field, ref long line)
    {
        fields.Clear();
        field.Clear();
        var quoted = false;
        var malformed = false;
        var atFieldStart = true;
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0)
            {
                if (!atFieldStart || fields.Count > 0 || field.WrittenCount > 0)
                {
                    fields.Add(field.WrittenSpan.ToArray());
                }

                return (true, malformed || quoted);
            }

            if (quoted)
            {
                if (b == '"')
                {
                    if (input.ReadByte() is var next && next == '"')
                    {
                        Append(field, (byte)'"', ref malformed);
                        continue;
                    }

                    quoted = false;
                    if (next < 0)
                    {
                        fields.Add(field.WrittenSpan.ToArray());
                        return (true, malformed);
                    }

                    b = next; // fall through to the unquoted handling of the byte after the closing quote
                }
                else
                {
                    if (b == '\n')
                    {
                        line++;
                    }

                    Append(field, (byte)b, ref malformed);
                    if (malformed)
                    {
                        // A runaway quote: give up on this record at the next line end.
                        quoted = false;
                    }

                    continue;
                }
            }

            switch (b)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.WrittenSpan.ToArray());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    line++;
                    fields.Add(field.WrittenSpan.ToArray());
                    return (false, malformed);
                default:
                    Append(field, (byte)b, ref malformed);
                    atFieldStart = false;
                    break;
            }
        }
    }

    private static void Append(ArrayBufferWriter<byte> field, byte b, ref bool malformed)
    {
        if (field.WrittenCount >= MaxFieldBytes)
        {
            malformed = true;
            return;
        }

        field.GetSpan(1)[0] = b;
        field.Advance(1);
    }

    private static string? Decode(byte[] bytes, Encoding encoding)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static IEnumerable<RawRow> ReadJsonl(Stream stream, Func<string, string> normalize)
    {
        var input = new BufferedStream(stream, 64 * 1024);
        var bytes = new ArrayBufferWriter<byte>(1024);
        var line = 0L;
        var end = false;
        while (!end)
        {
            bytes.Clear();
            line++;
            var tooLong = false;
            int b;
            while ((b = input.ReadByte()) >= 0 && b != '\n')
            {
                if (bytes.WrittenCount < MaxFieldBytes * 4)
                {
                    bytes.GetSpan(1)[0] = (byte)b;
                    bytes.Advance(1);
                }
                else
                {
                    tooLong = true;
                }
            }

            end = b < 0;
            var span = bytes.WrittenSpan.TrimEnd((byte)'\r');
            if (span.IsEmpty || span.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            yield return tooLong
                ? new RawRow(line, new Dictionary<string, string?>(), ImportErrorCodes.MalformedRow, null, "The line is longer than 256 KB.")
                : ParseJsonLine(line, span, normalize);
        }
    }

    private static RawRow ParseJsonLine(long line, ReadOnlySpan<byte> span, Func<string, string> normalize)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return new RawRow(line, new Dictionary<string, string?> { ["line"] = Encoding.Latin1.GetString(span) }, ImportErrorCodes.InvalidEncoding, null, "The line is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RawRow(line, new Dictionary<string, string?> { ["line"] = text }, ImportErrorCodes.MalformedRow, null, "Each line must be one JSON object.");
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                values[normalize(NormalizeHeader(member.Name))] = member.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => member.Value.GetString(),
                    JsonValueKind.Array => string.Join(';', member.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                    _ => member.Value.GetRawText(),
                };
            }

            return new RawRow(line, values);
        }
        catch (JsonException ex)
        {
            return new RawRow(line, new Dictionary<string, string?> { ["line"] = text }, ImportErrorCodes.MalformedRow, null, $"The line is not valid JSON: {ex.Message.Split('.')[0]}.");
        }
    }

    /// <summary>
    /// The first sheet row by row: MiniExcel reads the sheet's XML with a forward-only reader and yields each row as it
    /// goes (shared strings aside), so memory does not grow with the rows. Row 1 is the header; a row's line is its
    /// row number in the sheet, as Excel shows it. Numbers come as text in invariant culture, dates as YYYY-MM-DD.
    /// </summary>
    private static IEnumerable<RawRow> ReadXlsx(string path, Func<string, string> normalize)
    {
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new ImportFileException("The file is not an Excel .xlsx workbook.", ex);
        }

        using (rows)
        {
            string[]? header = null;
            string[] letters = [];
            var line = 0L;
            while (true)
            {
                IDictionary<string, object?> cells;
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }

                    cells = (IDictionary<string, object?>)rows.Current;
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
                {
                    throw new ImportFileException("The file is not an Excel .xlsx workbook.", ex);
                }

                line++;
                if (cells.Values.All(v => v is null || (v is string text && text.Length == 0)))
                {
                    continue; // a blank row
                }

                if (header is null)
                {
                    letters = [.. cells.Keys];
                    header = [.. letters.Select(k => cells[k] is { } name ? normalize(NormalizeHeader(Cell(name) ?? string.Empty)) : string.Empty)];
                    continue;
                }

                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < letters.Length; i++)
                {
                    if (header[i].Length > 0)
                    {
                        values[header[i]] = cells.TryGetValue(letters[i], out var value) ? Cell(value) : null;
                    }
                }

                yield return new RawRow(line, values);
            }
        }
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        DateTime time => time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>The uploaded file cannot be read at all (not the format it claims to be); the job fails with this message.</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);
