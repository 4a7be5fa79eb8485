using System.Globalization;
using System.Text;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using MiniExcelLibs;

namespace IpShield.Integration.Tests.Portfolios;

/// <summary>
/// Importing existing rights as park staff keep them in spreadsheets: CSV, JSONL and .xlsx through the kernel's import
/// pipeline, each row recorded as <c>recordIpRight</c> records it, deadlines included.
/// </summary>
public abstract class RightImportTests(PlatformHost host)
{
    protected const string DeadlinesOf =
        "query($id: ID!) { node(id: $id) { ... on Enterprise { ipRights(first: 50) { nodes { kind jurisdiction nameZh nameEn markForm niceClasses applicationNumber registeredOn status } } deadlines(first: 100) { nodes { ruleKey cycle dueOn windowOpensOn graceEndsOn state right { applicationNumber } } } } } }";

    protected static readonly string[] Columns =
        ["credit_code", "kind", "jurisdiction", "name_zh", "name_en", "name_ar", "mark_form", "nice_classes", "application_number", "registration_number", "filed_on", "priority_on", "published_on", "registered_on", "agent"];

    protected GraphQLClient Admin { get; } = host.CreateClient();

    protected PlatformHost Host => host;

    /// <summary>Today in the park's time zone is never before today in UTC.</summary>
    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    protected static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A CN mark registered ten years ago (renewal due in about three months), an SA filing, and a CN invention patent granted.</summary>
    protected static List<Dictionary<string, string?>> GoodRows(string creditCode, string tag)
    {
        var registered = new DateOnly(Today.Year - 10, Today.Month, 15).AddMonths(3);
        return
        [
            Row(creditCode, "trademark", "CN", $"盾牌{tag}", nameEn: "Shield", markForm: "combined", classes: "9;35", number: $"CN{tag}1", filed: Iso(registered.AddYears(-1)), registered: Iso(registered)),
            Row(creditCode, "商标", "sa", $"盾牌沙特{tag}", nameAr: "درع", classes: "9", number: $"SA{tag}2", filed: Iso(Today.AddMonths(-4))),
            Row(creditCode, "invention_patent", "CN", $"清洁机器人{tag}", number: $"ZL{tag}3", filed: Iso(Today.AddYears(-3)), registered: Iso(Today.AddYears(-1))),
        ];
    }

    protected static Dictionary<string, string?> Row(
        string creditCode, string kind, string jurisdiction, string nameZh, string? nameEn = null, string? nameAr = null, string? markForm = null, string? classes = null,
        string? number = null, string? filed = null, string? registered = null) => new()
        {
            ["credit_code"] = creditCode, ["kind"] = kind, ["jurisdiction"] = jurisdiction, ["name_zh"] = nameZh, ["name_en"] = nameEn, ["name_ar"] = nameAr,
            ["mark_form"] = markForm, ["nice_classes"] = classes, ["application_number"] = number, ["registration_number"] = null, ["filed_on"] = filed,
            ["priority_on"] = null, ["published_on"] = null, ["registered_on"] = registered, ["agent"] = null,
        };

    protected static byte[] Csv(IEnumerable<Dictionary<string, string?>> rows)
    {
        static string Quote(string? v) => v is null ? "" : v.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v;
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', Columns.Select(c => Quote(row[c]))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    protected static byte[] Jsonl(IEnumerable<Dictionary<string, string?>> rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => JsonSerializer.Serialize(r.Where(p => p.Value is not null).ToDictionary()) + "\n")));

    /// <summary>The rows as the first sheet of a workbook, the column names in row 1, as Excel saves a register.</summary>
    protected static byte[] Xlsx(IEnumerable<Dictionary<string, string?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => Columns.ToDictionary(c => c, c => (object?)r[c])), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A registered enterprise settled in a new workstation: its id and credit code, and the workstation.</summary>
    protected async Task<(string Id, string CreditCode, string Workstation)> EnterpriseAsync(string tag)
    {
        var workstations = new WorkstationScenario(Admin);
        var park = await workstations.RegisterParkAsync($"Import park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Import WS {tag}")).Str("id");
        var enterprises = new EnterpriseScenario(Admin);
        var code = EnterpriseScenario.NewCreditCode();
        var id = (await enterprises.RegisterAsync(code, $"权利导入企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        return (id, code, workstation);
    }

    private static List<string> Sorted(JsonElement nodes) => [.. nodes.EnumerateArray().Select(n => n.ToString()).Order(StringComparer.Ordinal)];

    protected static string Tag() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task Imported_rights_get_the_same_deadlines_as_rights_recorded_one_by_one()
    {
        var tag = Tag();
        var (imported, code, _) = await EnterpriseAsync(tag);
        var (recordedOneByOne, _, _) = await EnterpriseAsync(tag + "R");
        var rows = GoodRows(code, tag);

        var job = await ImportClient.ForRights(Admin).ImportAsync("rights.csv", Csv(rows));
        foreach (var row in rows)
        {
            var recorded = await Admin.DataAsync("mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { errors { code message } } }", new
            {
                input = new
                {
                    enterpriseId = recordedOneByOne, kind = row["kind"] == "商标" ? "TRADEMARK" : row["kind"]!.ToUpperInvariant(), jurisdiction = row["jurisdiction"], nameZh = row["name_zh"],
                    nameEn = row["name_en"], nameAr = row["name_ar"], markForm = row["mark_form"]?.ToUpperInvariant(),
                    niceClasses = row["nice_classes"]?.Split(';').Select(int.Parse).ToArray(), applicationNumber = row["application_number"], filedOn = row["filed_on"], registeredOn = row["registered_on"],
                },
            });
            Assert.Equal(0, recorded.At("recordIpRight.errors").GetArrayLength());
        }

        var viaImport = await Admin.DataAsync(DeadlinesOf, new { id = imported });
        var viaMutation = await Admin.DataAsync(DeadlinesOf, new { id = recordedOneByOne });

        Assert.Equal("SUCCEEDED", job.Str("status"));
        Assert.Equal((3L, 3L, 0L), (job.At("rowsRead").GetInt64(), job.At("rowsCreated").GetInt64(), job.At("rowsFailed").GetInt64()));
        Assert.Equal("CSV", job.Str("format"));
        Assert.Equal(Sorted(viaMutation.At("node.ipRights.nodes")), Sorted(viaImport.At("node.ipRights.nodes")));
        Assert.Equal(Sorted(viaMutation.At("node.deadlines.nodes")), Sorted(viaImport.At("node.deadlines.nodes")));
        Assert.NotEmpty(Sorted(viaImport.At("node.deadlines.nodes")));
        var renewal = viaImport.At("node.deadlines.nodes").EnumerateArray().Single(d => d.Str("ruleKey") == "tm.renewal.cn");
        var registered = DateOnly.Parse(rows[0]["registered_on"]!, CultureInfo.InvariantCulture);
        Assert.Equal(Iso(registered.AddYears(10).AddDays(-1)), renewal.Str("dueOn")); // CN Trademark Law art. 39
        Assert.Contains(viaImport.At("node.deadlines.nodes").EnumerateArray(), d => d.Str("right.applicationNumber") == $"ZL{tag}3");
    }
}

/// <summary>Every format with broken rows, the report, retry and idempotency: on MariaDB.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class RightImportOnMariaDbTests(MariaDbHost host) : RightImportTests(host)
{
    /// <summary>Good rows, then one broken row per typed error; line 1 is the header.</summary>
    private static (List<Dictionary<string, string?>> Rows, (long Line, string Column, string Code)[] Errors) MixedRows(string code, string tag)
    {
        var rows = GoodRows(code, tag);                                                                                                  // lines 2-4
        var unknown = EnterpriseScenario.NewCreditCode();
        rows.Add(Row(unknown, "trademark", "CN", $"无主{tag}", number: $"X{tag}5", filed: "2020-01-01"));                                   // 5
        rows.Add(Row(code, "hovercraft", "CN", $"类型错{tag}", number: $"X{tag}6", filed: "2020-01-01"));                                   // 6
        rows.Add(Row(code, "trademark", "XX", $"法域错{tag}", number: $"X{tag}7", filed: "2020-01-01"));                                    // 7
        rows.Add(Row(code, "trademark", "CN", $"类别错{tag}", classes: "9;46", number: $"X{tag}8", filed: "2020-01-01"));                   // 8
        rows.Add(Row(code, "trademark", "CN", $"日期错{tag}", number: $"X{tag}9", filed: "2021-13-45"));                                    // 9
        rows.Add(Row(code, "trademark", "CN", $"注册早于申请{tag}", number: $"X{tag}10", filed: "2020-05-01", registered: "2019-01-01"));     // 10
        rows.Add(Row(code, "trademark", "CN", $"重复{tag}", classes: "9;35", number: $"CN{tag}1", filed: "2015-01-01"));                   // 11
        rows.Add(Row(code, "copyright", "CN", "", number: $"X{tag}12", filed: "2020-01-01"));                                              // 12
        return (rows,
        [
            (5, "credit_code", "UNKNOWN_ENTERPRISE"),
            (6, "kind", "INVALID_KIND"),
            (7, "jurisdiction", "INVALID_JURISDICTION"),
            (8, "nice_classes", "INVALID_NICE_CLASS"),
            (9, "filed_on", "INVALID_DATE"),
            (10, "registered_on", "INVALID_DATE"),
            (11, "application_number", "DUPLICATE_IN_FILE"),
            (12, "name_zh", "REQUIRED"),
        ]);
    }

    private static IEnumerable<(long, string?, string)> Errors(JsonElement job) => ImportClient.Errors(job);

    /// <summary>The cells of one CSV line without line breaks inside quotes (what these rows are).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    [Theory]
    [InlineData("rights.csv", "CSV")]
    [InlineData("rights.jsonl", "JSONL")]
    [InlineData("rights.xlsx", "XLSX")]
    public async Task Each_format_records_the_good_rows_and_reports_each_broken_one_by_line_column_and_code(string fileName, string format)
    {
        var tag = Tag();
        var (enterprise, code, _) = await EnterpriseAsync(tag);
        var (rows, expected) = MixedRows(code, tag);
        var file = format switch { "CSV" => Csv(rows), "JSONL" => Jsonl(rows), _ => Xlsx(rows) };

        var job = await ImportClient.ForRights(Admin).ImportAsync(fileName, file);
        var portfolio = await Admin.DataAsync(DeadlinesOf, new { id = enterprise });

        Assert.Equal("SUCCEEDED", job.Str("status"));
        Assert.Equal(format, job.Str("format"));
        var headerLines = format == "JSONL" ? 0 : 1; // JSON lines have no header: the first row is line 1
        Assert.Equal(expected.Select(e => (e.Line - 1 + headerLines, (string?)e.Column, e.Code)), Errors(job));
        Assert.Equal((11L, 3L, 8L), (job.At("rowsRead").GetInt64(), job.At("rowsCreated").GetInt64(), job.At("rowsFailed").GetInt64()));
        Assert.Equal([$"CN{tag}1", $"SA{tag}2", $"ZL{tag}3"], portfolio.At("node.ipRights.nodes").EnumerateArray().Select(r => r.Str("applicationNumber")).Order(StringComparer.Ordinal));
        var mark = portfolio.At("node.ipRights.nodes").EnumerateArray().Single(r => r.Str("applicationNumber") == $"CN{tag}1");
        Assert.Equal(("TRADEMARK", "CN", "COMBINED", "REGISTERED"), (mark.Str("kind"), mark.Str("jurisdiction"), mark.Str("markForm"), mark.Str("status")));
        Assert.Equal([9, 35], mark.At("niceClasses").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Contains(portfolio.At("node.deadlines.nodes").EnumerateArray(), d => d.Str("ruleKey") == "tm.renewal.cn" && d.Str("state") == "OPEN");
        var unknown = job.At("errors").EnumerateArray().First();
        Assert.Equal($"无主{tag}", JsonDocument.Parse(unknown.Str("originalValues")).RootElement.Str("name_zh"));
    }

    [Fact]
    public async Task The_error_report_repeats_each_broken_row_in_the_import_columns_so_it_can_be_fixed_and_imported_again()
    {
        var tag = Tag();
        var (enterprise, code, _) = await EnterpriseAsync(tag);
        var (rows, expected) = MixedRows(code, tag);
        var job = await ImportClient.ForRights(Admin).ImportAsync("rights.csv", Csv(rows));

        var csv = await Admin.Http.GetStringAsync(new Uri(job.Str("errorReportCsvUrl"), UriKind.Relative), TestContext.Current.CancellationToken);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var fixedRows = lines.Skip(1).Select(Cells).Select(cells => Columns.Select((c, i) => (c, v: cells[4 + i])).ToDictionary(p => p.c, p => (string?)(p.v.Length == 0 ? null : p.v))).ToList();
        fixedRows.RemoveAll(r => r["application_number"] == $"CN{tag}1"); // the repeat: only the first is wanted
        foreach (var row in fixedRows)
        {
            row["credit_code"] = code;
            row["kind"] = "trademark";
            row["jurisdiction"] = "AE";
            row["nice_classes"] = "9";
            row["filed_on"] = "2020-01-01";
            row["registered_on"] = null;
            row["name_zh"] ??= $"补名{tag}";
        }

        var again = await ImportClient.ForRights(Admin).ImportAsync("fixed.csv", Csv(fixedRows));
        var portfolio = await Admin.DataAsync(DeadlinesOf, new { id = enterprise });

        Assert.Equal($"line,column,code,message,{string.Join(',', Columns)}", lines[0]);
        Assert.Equal(expected.Length, lines.Length - 1);
        Assert.Equal((7L, 0L), (again.At("rowsCreated").GetInt64(), again.At("rowsFailed").GetInt64()));
        Assert.Equal(10, portfolio.At("node.ipRights.nodes").GetArrayLength());
    }

    [Fact]
    public async Task Importing_the_same_rights_again_records_none_twice_and_a_finished_job_is_not_retried()
    {
        var tag = Tag();
        var (enterprise, code, _) = await EnterpriseAsync(tag);
        var rows = GoodRows(code, tag);
        var imports = ImportClient.ForRights(Admin);
        var first = await imports.ImportAsync("rights.csv", Csv(rows), idempotencyKey: $"rights-{tag}");

        var sameKey = await imports.StartAsync("rights.csv", Csv(rows), $"rights-{tag}");
        var again = await imports.ImportAsync("rights.xlsx", Xlsx(rows));
        var retry = await Admin.DataAsync("mutation($id: ID!) { retryIpRightImport(id: $id) { import { status } errors { code } } }", new { id = first.Str("id") });
        var portfolio = await Admin.DataAsync(DeadlinesOf, new { id = enterprise });

        Assert.Equal(first.Str("id"), sameKey.Str("id"));
        Assert.Equal([(2L, "application_number", "ALREADY_RECORDED"), (3L, "application_number", "ALREADY_RECORDED"), (4L, "application_number", "ALREADY_RECORDED")], Errors(again));
        Assert.Equal("INVALID_STATE", retry.Str("retryIpRightImport.errors.0.code"));
        Assert.Equal(3, portfolio.At("node.ipRights.nodes").GetArrayLength());
    }

    [Fact]
    public async Task Staff_import_only_for_enterprises_of_their_workstation_and_see_only_their_own_jobs()
    {
        var tag = Tag();
        var (own, ownCode, ownWorkstation) = await EnterpriseAsync(tag);
        var (_, otherCode, _) = await EnterpriseAsync(tag + "O");
        var staff = Host.CreateClient(await Host.Identity.PersonTokenAsync("workstation_staff", [GlobalId.TryDecode(ownWorkstation, out _, out var key) ? key : throw new ArgumentException(ownWorkstation)]));
        // recordIpRight's rule reads the placement the settlement event brings; wait until it arrived.
        await Eventually.MatchAsync(
            () => staff.DataAsync("mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { errors { code } } }", new { input = new { enterpriseId = own, kind = "COPYRIGHT", jurisdiction = "CN", nameZh = $"探针{tag}", filedOn = "2020-01-01" } }),
            d => d.At("recordIpRight.errors").GetArrayLength() == 0, "the placement of the staff's enterprise");
        var rows = new List<Dictionary<string, string?>>
        {
            Row(ownCode, "copyright", "CN", $"本站作品{tag}", number: $"C{tag}1", filed: "2021-01-01"),
            Row(otherCode, "copyright", "CN", $"他站作品{tag}", number: $"C{tag}2", filed: "2021-01-01"),
        };

        var job = await ImportClient.ForRights(staff).ImportAsync("rights.csv", Csv(rows));
        var seenByOther = await Host.CreateClient(await Host.Identity.PersonTokenAsync("workstation_staff", [Guid.CreateVersion7()]))
            .DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = job.Str("id") });

        Assert.Equal([(3L, "credit_code", "UNKNOWN_ENTERPRISE")], Errors(job));
        Assert.Equal(1L, job.At("rowsCreated").GetInt64());
        Assert.Equal(JsonValueKind.Null, seenByOther.At("node").ValueKind);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RightImportOnSqliteTests(SqliteHost host) : RightImportTests(host);
