using System.Net;
using System.Text;
using System.Text.Json;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace IpShield.Integration.Tests.Enterprises;

/// <summary>Bulk import as an import script uses it: upload, poll, read the report; on each database.</summary>
public abstract class ImportTests(PlatformHost host)
{
    private const string Header = "credit_code,name_zh,name_en,legal_form,established_on,target_markets,sales_platforms,product_categories";
    private readonly GraphQLClient _client = host.CreateClient();

    [Fact]
    public async Task An_imported_record_stores_the_statistics_profile_key_its_profile_gives_when_created_and_when_changed()
    {
        var code = EnterpriseScenario.NewCreditCode();
        await Imports.ImportAsync("p1.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},档案一,,,,AE,noon,蓝牙耳机\n"));
        var created = await StoredProfileAsync(code);
        await Imports.ImportAsync("p2.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},档案一,,LIMITED_LIABILITY_COMPANY,,US;AE,Amazon|noon,蓝牙耳机;Phone cases\n"));
        var changed = await StoredProfileAsync(code);

        // The key the park statistics group by (ADR 0035) follows the profile through both of the import's write paths.
        Assert.Equal(created.Computed, created.Stored);
        Assert.Equal(changed.Computed, changed.Stored);
        Assert.NotEqual(created.Stored, changed.Stored);
        // The migration fills the key of existing records in SQL: on MariaDB it gives the same key.
        if (changed.InSql is not null)
        {
            Assert.Equal(changed.Computed, changed.InSql);
        }
    }

    /// <summary>The record's stored key read as a column (not through the entity), the key its stored profile gives, and on MariaDB the migration's SQL key.</summary>
    private async Task<(string Stored, string Computed, string? InSql)> StoredProfileAsync(string code)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var mySql = db.Database.IsMySql();
        var sqlKey = mySql ? "LEFT(SHA2(CONCAT_WS(CHAR(31 USING utf8mb4), LegalForm, MarketCodes, PlatformCodes, ProductCategories), 256), 32)" : "NULL";
        var row = await db.Database.SqlQueryRaw<ProfileRow>(
                "SELECT ProfileKey AS Stored, LegalForm, MarketCodes, PlatformCodes, ProductCategories, " + sqlKey + " AS InSql FROM ent_enterprises WHERE CreditCode = {0}", code)
            .SingleAsync(TestContext.Current.CancellationToken);
        var computed = EnterpriseProfileKey.Of(Enum.Parse<LegalForm>(row.LegalForm), row.MarketCodes, row.PlatformCodes, row.ProductCategories.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return (row.Stored.Trim(), computed, row.InSql);
    }

    private sealed class ProfileRow
    {
        public string Stored { get; init; } = "";
        public string LegalForm { get; init; } = "";
        public string MarketCodes { get; init; } = "";
        public string PlatformCodes { get; init; } = "";
        public string ProductCategories { get; init; } = "";
        public string? InSql { get; init; }
    }

    private ImportClient Imports => new(_client);

    /// <summary>
    /// Good rows, a wrong check character, a repeat of an earlier row, an impossible date, broken UTF-8 bytes, an
    /// over-long name, a quoted field with a comma and a line break, and a last row without a line end.
    /// </summary>
    private static (byte[] File, string[] Good) MixedFile(string tag)
    {
        var a = EnterpriseScenario.NewCreditCode();
        var b = EnterpriseScenario.NewCreditCode();
        var c = EnterpriseScenario.NewCreditCode();
        var d = EnterpriseScenario.NewCreditCode();
        var bytes = new List<byte>();
        void Line(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text + "\r\n"));
        bytes.AddRange([0xEF, 0xBB, 0xBF]);
        Line(Header);                                                                                     // 1
        Line($"{a},武汉耳机贸易{tag},Headsets {tag},有限责任公司,2019-03-12,AE;SA;GCC,noon,Bluetooth headsets"); // 2
        Line($"{EnterpriseScenario.Corrupted(b)},校验位错误{tag},,,2020-01-01,US,Amazon,");                  // 3
        Line($"{b},清洁机器人{tag},Robots {tag},LIMITED_LIABILITY_COMPANY,2017-08-30,EU|US,Amazon|eBay|own site,Robots"); // 4
        Line($"{a},重复行{tag},,,2019-03-12,AE,noon,");                                                     // 5
        Line($"{EnterpriseScenario.NewCreditCode()},日期错误{tag},,,2021-13-45,AE,noon,");                   // 6
        bytes.AddRange(Encoding.UTF8.GetBytes($"{EnterpriseScenario.NewCreditCode()},"));                   // 7: broken bytes
        bytes.AddRange([0xC3, 0x28, 0xE6, 0xAD]);
        Line($",,,2020-01-01,AE,noon,");
        Line($"{EnterpriseScenario.NewCreditCode()},{new string('长', 201)},,,2020-01-01,AE,noon,");         // 8
        Line($"{c},\"引号, 逗号{tag}\",\"Quoted, \"\"Inc\"\"\n{tag}\",,2022-02-02,MY,Shopee,\"Toys; Games\""); // 9-10
        bytes.AddRange(Encoding.UTF8.GetBytes($"{d},最后一行{tag},,,,DE,TikTok Shop,"));                      // 11, no line end
        return ([.. bytes], [a, b, c, d]);
    }

    private static readonly (long, string?, string)[] MixedFileErrors =
    [
        (3, "credit_code", "INVALID_CREDIT_CODE"),
        (5, "credit_code", "DUPLICATE_IN_FILE"),
        (6, "established_on", "INVALID_DATE"),
        (7, "name_zh", "INVALID_ENCODING"),
        (8, "name_zh", "TOO_LONG"),
    ];

    [Fact]
    public async Task A_mixed_file_applies_exactly_the_good_rows_and_reports_each_bad_one_by_line_column_and_code()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (file, good) = MixedFile(tag);

        var job = await Imports.ImportAsync("registry.csv", file);

        Assert.Equal("SUCCEEDED", job.Str("status"));
        Assert.Equal(MixedFileErrors, ImportClient.Errors(job));
        Assert.Equal((9L, 4L, 4L, 5L), (job.At("rowsRead").GetInt64(), job.At("rowsApplied").GetInt64(), job.At("rowsCreated").GetInt64(), job.At("rowsFailed").GetInt64()));
        var listed = await _client.DataAsync("query($n: String!) { enterprises(where: { nameContains: $n }, orderBy: { field: CREDIT_CODE }, first: 50) { nodes { creditCode nameZh nameEn targetMarkets salesPlatforms productCategories establishedOn version } } }", new { n = tag });
        var nodes = listed.At("enterprises.nodes").EnumerateArray().ToList();
        Assert.Equal(good.Order(StringComparer.Ordinal), nodes.Select(n => n.Str("creditCode")));
        var quoted = nodes.Single(n => n.Str("creditCode") == good[2]);
        Assert.Equal($"引号, 逗号{tag}", quoted.Str("nameZh"));
        Assert.Equal($"Quoted, \"Inc\"\n{tag}", quoted.Str("nameEn"));
        Assert.Equal(["Toys", "Games"], quoted.At("productCategories").EnumerateArray().Select(p => p.GetString()));
        var robots = nodes.Single(n => n.Str("creditCode") == good[1]);
        Assert.Equal(["AMAZON", "EBAY", "OWN_SITE"], robots.At("salesPlatforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["TIK_TOK_SHOP"], nodes.Single(n => n.Str("creditCode") == good[3]).At("salesPlatforms").EnumerateArray().Select(p => p.GetString()));
        var byId = await _client.DataAsync(
            "query($c: String!) { e: enterpriseByCreditCode(creditCode: $c) { id } }", new { c = good[0] });
        var node = await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Enterprise { creditCode establishedOn legalForm } } }", new { id = byId.Str("e.id") });
        Assert.Equal((good[0], "2019-03-12", "LIMITED_LIABILITY_COMPANY"), (node.Str("node.creditCode"), node.Str("node.establishedOn"), node.Str("node.legalForm")));
        var duplicate = job.At("errors").EnumerateArray().Single(e => e.Str("code") == "DUPLICATE_IN_FILE");
        Assert.Equal($"重复行{tag}", JsonDocument.Parse(duplicate.Str("originalValues")).RootElement.Str("name_zh"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_reports_the_same_errors()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (file, _) = MixedFile(tag);
        await Imports.ImportAsync("registry.csv", file);
        const string query = "query($n: String!) { enterprises(where: { nameContains: $n }, first: 50) { nodes { creditCode nameZh nameEn targetMarkets salesPlatforms version } } }";
        var before = (await _client.DataAsync(query, new { n = tag })).ToString();

        var again = await Imports.ImportAsync("registry.csv", file);

        Assert.Equal((4L, 0L, 0L), (again.At("rowsUnchanged").GetInt64(), again.At("rowsCreated").GetInt64(), again.At("rowsUpdated").GetInt64()));
        Assert.Equal(MixedFileErrors, ImportClient.Errors(again));
        Assert.Equal(before, (await _client.DataAsync(query, new { n = tag })).ToString());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_job_for_the_same_file_and_is_refused_for_another()
    {
        var key = $"registry-{Guid.NewGuid():N}";
        var file = Encoding.UTF8.GetBytes($"{Header}\n{EnterpriseScenario.NewCreditCode()},幂等测试,,,,,,\n");
        var first = await Imports.StartAsync("registry.csv", file, key);
        await Imports.WaitAsync(first.Str("id"));

        var same = await Imports.StartAsync("renamed.csv", file, key);
        var other = await Imports.UploadAsync("registry.csv", Encoding.UTF8.GetBytes($"{Header}\n{EnterpriseScenario.NewCreditCode()},另一个文件,,,,,,\n"), key);

        Assert.Equal(first.Str("id"), same.Str("id"));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", other.Data.Str("startEnterpriseImport.errors.0.code"));
    }

    [Fact]
    public async Task An_update_through_import_raises_the_version_and_a_dry_run_changes_nothing()
    {
        var code = EnterpriseScenario.NewCreditCode();
        await Imports.ImportAsync("v1.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},版本一,,,,AE,noon,\n"));

        var dryRun = await Imports.ImportAsync("v2.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},版本二,,,,AE,noon,\n"), mode: "DRY_RUN");
        var afterDryRun = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { nameZh version } }", new { c = code });
        var applied = await Imports.ImportAsync("v2.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},版本二,,,,AE,noon,\n"));
        var insertOnly = await Imports.ImportAsync("v3.csv", Encoding.UTF8.GetBytes($"{Header}\n{code},版本三,,,,AE,noon,\n"), policy: "INSERT_ONLY");
        var after = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { nameZh version } }", new { c = code });

        Assert.Equal(1, dryRun.At("rowsUpdated").GetInt64());
        Assert.Equal(("版本一", 1), (afterDryRun.Str("enterpriseByCreditCode.nameZh"), afterDryRun.At("enterpriseByCreditCode.version").GetInt32()));
        Assert.Equal(1, applied.At("rowsUpdated").GetInt64());
        Assert.Equal([(2L, "credit_code", "ALREADY_EXISTS")], ImportClient.Errors(insertOnly));
        Assert.Equal(("版本二", 2), (after.Str("enterpriseByCreditCode.nameZh"), after.At("enterpriseByCreditCode.version").GetInt32()));
    }

    [Fact]
    public async Task A_JSONL_file_with_arrays_and_a_broken_line_is_imported_line_by_line()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (a, b) = (EnterpriseScenario.NewCreditCode(), EnterpriseScenario.NewCreditCode());
        var file = Encoding.UTF8.GetBytes(string.Join('\n',
            JsonSerializer.Serialize(new { credit_code = a, name_zh = $"JSON甲{tag}", target_markets = new[] { "AE", "GCC" }, sales_platforms = new[] { "noon" }, established_on = "2019-03-12" }),
            "{ \"credit_code\": \"broken",
            JsonSerializer.Serialize(new { creditCode = b, nameZh = $"JSON乙{tag}", targetMarkets = new[] { "US" }, salesPlatforms = new[] { "AMAZON", "OWN_SITE" } })) + "\n");

        var job = await Imports.ImportAsync("registry.jsonl", file);

        Assert.Equal([(2L, null, "MALFORMED_ROW")], ImportClient.Errors(job));
        var found = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { nameZh targetMarkets salesPlatforms } }", new { c = b });
        Assert.Equal(["AMAZON", "OWN_SITE"], found.At("enterpriseByCreditCode.salesPlatforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, job.At("rowsCreated").GetInt64());
    }

    [Fact]
    public async Task A_GB18030_file_as_Chinese_Excel_saves_it_is_read_with_its_Chinese_intact()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var code = EnterpriseScenario.NewCreditCode();
        var file = Encoding.GetEncoding("GB18030").GetBytes($"统一社会信用代码,企业名称,目标市场,销售平台\r\n{code},武汉创先科技有限公司,欧盟;美国;EU;US,亚马逊;独立站\r\n");

        var job = await Imports.ImportAsync("导出.csv", file);

        Assert.Equal([(2L, "target_markets", "UNKNOWN_MARKET")], ImportClient.Errors(job));
        var fixedFile = Encoding.GetEncoding("GB18030").GetBytes($"统一社会信用代码,企业名称,目标市场,销售平台\r\n{code},武汉创先科技有限公司,EU;US,亚马逊;独立站\r\n");
        await Imports.ImportAsync("导出.csv", fixedFile);
        var found = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { nameZh salesPlatforms } }", new { c = code });
        Assert.Equal("武汉创先科技有限公司", found.Str("enterpriseByCreditCode.nameZh"));
        Assert.Equal(["AMAZON", "OWN_SITE"], found.At("enterpriseByCreditCode.salesPlatforms").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task An_xlsx_register_with_Chinese_headers_date_cells_and_a_blank_row_is_imported_row_by_row_by_sheet_row_number()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (a, b) = (EnterpriseScenario.NewCreditCode(), EnterpriseScenario.NewCreditCode());
        Dictionary<string, object?> Row(string? code, string? name, object? established, string? markets) =>
            new() { ["统一社会信用代码"] = code, ["企业名称"] = name, ["成立日期"] = established, ["目标市场"] = markets, ["销售平台"] = code is null ? null : "noon" };
        using var sheet = new MemoryStream();
        sheet.SaveAs(new[]
        {
            Row(a, $"表格甲{tag}", new DateTime(2019, 3, 12), "AE;SA"),                  // row 2: a date cell
            Row(EnterpriseScenario.Corrupted(b), $"表格错{tag}", "2020-01-01", "US"),   // row 3
            Row(null, null, null, null),                                                 // row 4: blank
            Row(b, $"表格乙{tag}", "2021-13-45", "US"),                                  // row 5
            Row(EnterpriseScenario.NewCreditCode(), $"表格丙{tag}", null, "AE"),         // row 6
        }, excelType: MiniExcelLibs.ExcelType.XLSX);

        var job = await Imports.ImportAsync("园区企业.xlsx", sheet.ToArray());
        var notAWorkbook = await Imports.ImportAsync("broken.xlsx", Encoding.UTF8.GetBytes($"{Header}\n{EnterpriseScenario.NewCreditCode()},不是表格,,,,,,\n"));
        var found = await _client.DataAsync("query($c: String!) { enterpriseByCreditCode(creditCode: $c) { nameZh establishedOn targetMarkets salesPlatforms } }", new { c = a });

        Assert.Equal("XLSX", job.Str("format"));
        Assert.Equal([(3L, "credit_code", "INVALID_CREDIT_CODE"), (5L, "established_on", "INVALID_DATE")], ImportClient.Errors(job));
        Assert.Equal((4L, 2L, 2L), (job.At("rowsRead").GetInt64(), job.At("rowsCreated").GetInt64(), job.At("rowsFailed").GetInt64()));
        Assert.Equal(($"表格甲{tag}", "2019-03-12"), (found.Str("enterpriseByCreditCode.nameZh"), found.Str("enterpriseByCreditCode.establishedOn")));
        Assert.Equal(["AE", "SA"], found.At("enterpriseByCreditCode.targetMarkets").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(("FAILED", 0L), (notAWorkbook.Str("status"), notAWorkbook.At("rowsCreated").GetInt64()));
        Assert.Contains(".xlsx", notAWorkbook.Str("failureMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_report_downloads_as_CSV_and_JSONL_with_the_original_values()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (file, _) = MixedFile(tag);
        var job = await Imports.ImportAsync("registry.csv", file);

        var csv = await _client.Http.GetStringAsync(new Uri(job.Str("errorReportCsvUrl"), UriKind.Relative), TestContext.Current.CancellationToken);
        var jsonl = await _client.Http.GetStringAsync(new Uri(job.Str("errorReportJsonlUrl"), UriKind.Relative), TestContext.Current.CancellationToken);

        var csvLines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("line,column,code,message,credit_code,name_zh", csvLines[0], StringComparison.Ordinal);
        Assert.Equal(6, csvLines.Length);
        Assert.Contains(csvLines, l => l.StartsWith("5,credit_code,DUPLICATE_IN_FILE,", StringComparison.Ordinal) && l.Contains($"重复行{tag}", StringComparison.Ordinal));
        var reports = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(MixedFileErrors.Select(e => e.Item1), reports.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("2021-13-45", reports[2].At("original.established_on").GetString());
    }

    [Fact]
    public async Task A_multipart_request_without_a_preflight_header_is_refused_and_nothing_is_imported()
    {
        var response = await Imports.UploadAsync("registry.csv", Encoding.UTF8.GetBytes($"{Header}\n"), $"csrf-{Guid.NewGuid():N}", preflight: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [InlineData("variables.input.missing")]
    [InlineData("query")]
    public async Task A_multipart_request_whose_map_points_outside_the_variables_is_refused(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = ImportClient.Multipart(
                "mutation($input: StartEnterpriseImportInput!) { startEnterpriseImport(input: $input) { import { id } } }",
                new { input = new { file = (string?)null, idempotencyKey = $"map-{Guid.NewGuid():N}" } },
                new Dictionary<string, string[]> { ["0"] = [path] },
                [("0", "registry.csv", Encoding.UTF8.GetBytes($"{Header}\n"))]),
        };
        request.Headers.Add("GraphQL-Preflight", "1");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Upserting_a_few_records_returns_one_result_per_record_and_applies_the_valid_ones()
    {
        var (a, b) = (EnterpriseScenario.NewCreditCode(), EnterpriseScenario.NewCreditCode());
        const string mutation = "mutation($input: UpsertEnterprisesInput!) { upsertEnterprises(input: $input) { results { index creditCode outcome enterprise { nameZh version } errors { code field } } errors { code } } }";
        var records = new object[]
        {
            new { creditCode = a, nameZh = "批量甲", targetMarkets = new[] { "AE" } },
            new { creditCode = EnterpriseScenario.Corrupted(b), nameZh = "批量错" },
            new { creditCode = b, nameZh = "批量乙" },
            new { creditCode = a, nameZh = "批量甲重复" },
        };

        var first = (await _client.DataAsync(mutation, new { input = new { records } })).At("upsertEnterprises.results");
        var second = (await _client.DataAsync(mutation, new { input = new { records = new object[] { new { creditCode = a, nameZh = "批量甲改" }, new { creditCode = b, nameZh = "批量乙" } } } })).At("upsertEnterprises.results");

        Assert.Equal(["CREATED", "FAILED", "CREATED", "FAILED"], first.EnumerateArray().Select(r => r.Str("outcome")));
        Assert.Equal("INVALID_CREDIT_CODE", first.Str("1.errors.0.code"));
        Assert.Equal("DUPLICATE_IN_REQUEST", first.Str("3.errors.0.code"));
        Assert.Equal(["UPDATED", "UNCHANGED"], second.EnumerateArray().Select(r => r.Str("outcome")));
        Assert.Equal(("批量甲改", 2), (second.Str("0.enterprise.nameZh"), second.At("0.enterprise.version").GetInt32()));
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class ImportOnMariaDbTests(MariaDbHost host) : ImportTests(host);

[Collection(SqliteCollection.Name)]
public sealed class ImportOnSqliteTests(SqliteHost host) : ImportTests(host);
