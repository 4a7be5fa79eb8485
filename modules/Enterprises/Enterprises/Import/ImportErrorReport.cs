using System.Text;
using System.Text.Json;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Persistence;
using IpShield.Enterprises.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Import;

/// <summary>
/// The row errors of an import as files to download: CSV (UTF-8 with BOM, so Excel shows Chinese right) with the
/// row's original values in the import's own columns, so the file can be fixed and imported again; or JSON lines.
/// Streamed from the database, whatever the number of errors.
/// </summary>
internal static class ImportErrorReport
{
    private static readonly string[] OriginalColumns =
        [Column.CreditCode, Column.NameZh, Column.NameEn, Column.LegalForm, Column.EstablishedOn, Column.TargetMarkets, Column.SalesPlatforms, Column.ProductCategories];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/imports/{id}/errors.csv", (string id, HttpContext http) => WriteAsync(http, id, csv: true));
        endpoints.MapGet("/imports/{id}/errors.jsonl", (string id, HttpContext http) => WriteAsync(http, id, csv: false));
    }

    private static async Task WriteAsync(HttpContext http, string id, bool csv)
    {
        var access = AccessContext.FromPrincipal(http.User);
        var db = http.RequestServices.GetRequiredService<EnterprisesDbContext>();
        if (!GlobalId.TryDecode(id, EnterprisesGlobalIds.EnterpriseImport, out var jobId)
            || !await db.ImportJobs.Visible(access).AnyAsync(j => j.Id == jobId, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-errors.{(csv ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 64 * 1024) { NewLine = csv ? "\r\n" : "\n" };
        if (csv)
        {
            await writer.WriteLineAsync(string.Join(',', new[] { "line", "column", "code", "message" }.Concat(OriginalColumns)));
        }

        var errors = db.ImportRowErrors.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Line).ThenBy(e => e.Id).AsAsyncEnumerable();
        await foreach (var error in errors.WithCancellation(http.RequestAborted))
        {
            var original = JsonSerializer.Deserialize<Dictionary<string, string?>>(error.OriginalValues) ?? [];
            if (csv)
            {
                var cells = new[] { error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Column, error.Code, error.Message }
                    .Concat(OriginalColumns.Select(c => original.GetValueOrDefault(c)));
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
