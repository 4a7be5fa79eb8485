using GraphQL.Types;
using GraphQLParser.AST;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// A file sent with a GraphQL multipart request, already streamed to a temporary file. A resolver that keeps it
/// moves it away (<see cref="MoveTo"/>); otherwise it is deleted when the request ends.
/// </summary>
public sealed class UploadedFile
{
    internal UploadedFile(string fileName, string? contentType, string temporaryPath, long length)
    {
        FileName = fileName;
        ContentType = contentType;
        TemporaryPath = temporaryPath;
        Length = length;
    }

    public string FileName { get; }
    public string? ContentType { get; }
    public long Length { get; }
    internal string TemporaryPath { get; private set; }

    public Stream OpenRead() => new FileStream(TemporaryPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);

    /// <summary>Keeps the file: moves it to <paramref name="path"/>, out of the request's clean-up.</summary>
    public void MoveTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Move(TemporaryPath, path, overwrite: true);
        TemporaryPath = path;
    }
}

/// <summary>The files of one multipart request; disposing deletes those nobody kept.</summary>
internal sealed class UploadedFiles(string folder) : IAsyncDisposable
{
    private readonly List<UploadedFile> _files = [];

    public UploadedFile Add(string fileName, string? contentType, string temporaryPath, long length)
    {
        var file = new UploadedFile(fileName, contentType, temporaryPath, length);
        _files.Add(file);
        return file;
    }

    public string NewTemporaryPath()
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"upload-{Guid.NewGuid():N}.tmp");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _files.Where(f => f.TemporaryPath.StartsWith(folder, StringComparison.Ordinal)))
        {
            File.Delete(file.TemporaryPath);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The <c>Upload</c> scalar of the GraphQL multipart request spec: only ever a variable, never a literal.</summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        UploadedFile file => file,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : ThrowLiteralConversionError(value, "An Upload is sent as a multipart file part, referenced by a variable.");

    public override bool CanParseValue(object? value) => value is null or UploadedFile;

    public override object? Serialize(object? value) => ThrowSerializationError(value);
}
