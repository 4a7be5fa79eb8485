using System.Text;
using System.Text.Json;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Imports;

/// <summary>
/// The row errors of an import as files to download: CSV (UTF-8 with BOM, so Excel shows Chinese right) with the
/// row's original values in the import's own columns, so the file can be fixed and imported again; or JSON lines.
/// Streamed from the database, whatever the number of errors. Each module's jobs have their own route
/// (<c>/{route}/{id}/errors.csv</c>), read through the module's row rule for its job type.
/// </summary>
public static class ImportErrorReport
{
    public static void Map<TDb, TJob>(IEndpointRouteBuilder endpoints, string route, string globalIdType, IReadOnlyList<string> originalColumns)
        where TDb : DbContext
        where TJob : ImportJob
    {
        endpoints.MapGet($"/{route}/{{id}}/errors.csv", (string id, HttpContext http) => WriteAsync<TDb, TJob>(http, id, globalIdType, originalColumns, csv: true));
        endpoints.MapGet($"/{route}/{{id}}/errors.jsonl", (string id, HttpContext http) => WriteAsync<TDb, TJob>(http, id, globalIdType, originalColumns, csv: false));
    }

    /// <summary>Where a job's report is, for the job's GraphQL type.</summary>
    public static string UrlOf(string route, string globalIdType, Guid jobId, bool csv) =>
        $"/{route}/{GlobalId.Encode(globalIdType, jobId)}/errors.{(csv ? "csv" : "jsonl")}";

    private static async Task WriteAsync<TDb, TJob>(HttpContext http, string id, string globalIdType, IReadOnlyList<string> originalColumns, bool csv)
        where TDb : DbContext
        where TJob : ImportJob
    {
        var access = AccessContext.FromPrincipal(http.User);
        var db = http.RequestServices.GetRequiredService<TDb>();
        if (!GlobalId.TryDecode(id, globalIdType, out var jobId)
            || !await db.Rows<TJob>(access, http.RequestServices).AnyAsync(j => j.Id == jobId, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-errors.{(csv ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 64 * 1024) { NewLine = csv ? "\r\n" : "\n" };
        if (csv)
        {
            await writer.WriteLineAsync(string.Join(',', new[] { "line", "column", "code", "message" }.Concat(originalColumns)));
        }

        var errors = db.Set<ImportRowError>().AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Line).ThenBy(e => e.Id).AsAsyncEnumerable();
        await foreach (var error in errors.WithCancellation(http.RequestAborted))
        {
            var original = JsonSerializer.Deserialize<Dictionary<string, string?>>(error.OriginalValues) ?? [];
            if (csv)
            {
                var cells = new[] { error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Column, error.Code, error.Message }
                    .Concat(originalColumns.Select(c => original.GetValueOrDefault(c)));
                await writer.WriteLineAsync(string.Join(',', cells.Select(Quote)));
            }
            else
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { line = error.Line, column = error.Column, code = error.Code, message = error.Message, original }));
            }
        }
    }

    private static string Quote(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
