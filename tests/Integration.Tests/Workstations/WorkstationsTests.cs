using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;

namespace IpShield.Integration.Tests.Workstations;

/// <summary>The Workstations module as the city centre and workstation staff use it, on each database.</summary>
public abstract class WorkstationsTests(PlatformHost host)
{
    private readonly GraphQLClient _client = host.CreateClient();

    private WorkstationScenario Scenario => new(_client);

    [Fact]
    public async Task An_opened_workstation_can_be_fetched_again_by_its_global_id()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Park {tag}");
        var opened = await Scenario.OpenAsync(parkId, $"Workstation {tag}");

        var data = await _client.DataAsync(
            $"query($id: ID!) {{ node(id: $id) {{ ... on Workstation {{ {WorkstationScenario.WorkstationFields} }} }} }}",
            new { id = opened.Str("id") });

        Assert.Equal($"Workstation {tag}", data.Str("node.name"));
        Assert.Equal("OPEN", data.Str("node.status"));
        Assert.Equal("2024-10-15", data.Str("node.openedOn"));
        Assert.Equal(parkId, data.Str("node.park.id"));
        Assert.Equal(["TRAINING", "GUIDANCE"], data.At("node.servicesOffered").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Chinese_and_Arabic_names_round_trip_unchanged()
    {
        const string chinese = "武汉知识产权保护工作站（长江国贸）";
        const string arabic = "محطة حماية الملكية الفكرية";
        var parkId = await Scenario.RegisterParkAsync($"光谷跨境电商产业园 {WorkstationScenario.Tag()}", city: "武汉", district: "东湖高新区");
        var first = await Scenario.OpenAsync(parkId, chinese + WorkstationScenario.Tag());
        var second = await Scenario.OpenAsync(parkId, arabic + WorkstationScenario.Tag());

        var data = await _client.DataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Workstation { name park { city district } } } }", new { ids = new[] { first.Str("id"), second.Str("id") } });

        Assert.StartsWith(chinese, data.Str("nodes.0.name"), StringComparison.Ordinal);
        Assert.StartsWith(arabic, data.Str("nodes.1.name"), StringComparison.Ordinal);
        Assert.Equal("武汉", data.Str("nodes.0.park.city"));
        Assert.Equal("东湖高新区", data.Str("nodes.0.park.district"));
    }

    [Fact]
    public async Task Paging_forward_and_backward_visits_every_workstation_of_a_park_exactly_once()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Paging park {tag}");
        var names = Enumerable.Range(1, 7).Select(i => $"WS {tag} {i:00}").ToList();
        foreach (var name in names.AsEnumerable().Reverse())
        {
            await Scenario.OpenAsync(parkId, name);
        }

        const string query = """
            query($park: ID!, $first: Int, $after: String, $last: Int, $before: String) {
              workstations(where: { park: { eq: $park } }, first: $first, after: $after, last: $last, before: $before) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { name } }
              }
            }
            """;
        var forward = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = (await _client.DataAsync(query, new { park = parkId, first = 3, after })).At("workstations");
            Assert.Equal(7, page.At("totalCount").GetInt32());
            forward.AddRange(page.At("edges").EnumerateArray().Select(e => e.Str("node.name")));
            pages++;
            if (!page.At("pageInfo.hasNextPage").GetBoolean())
            {
                break;
            }

            after = page.Str("pageInfo.endCursor");
        }

        Assert.Equal(names, forward);
        Assert.Equal(3, pages);

        var backward = new List<string>();
        string? before = null;
        while (true)
        {
            var page = (await _client.DataAsync(query, new { park = parkId, last = 3, before })).At("workstations");
            backward.InsertRange(0, page.At("edges").EnumerateArray().Select(e => e.Str("node.name")));
            if (!page.At("pageInfo.hasPreviousPage").GetBoolean())
            {
                break;
            }

            before = page.Str("pageInfo.startCursor");
        }

        Assert.Equal(names, backward);
    }

    [Fact]
    public async Task Name_contains_ignores_case_for_Latin_letters_with_accents_and_for_Chinese()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Filter park {tag}");
        await Scenario.OpenAsync(parkId, $"ZOË ÉCOLE Station {tag}");
        await Scenario.OpenAsync(parkId, $"跨境电商工作站 {tag}");
        await Scenario.OpenAsync(parkId, $"Unrelated {tag}");

        async Task<string[]> Search(string term) =>
            [.. (await _client.DataAsync(
                "query($park: ID!, $term: String!) { workstations(where: { park: { eq: $park }, name: { contains: $term } }) { nodes { name } } }",
                new { park = parkId, term }))
                .At("workstations.nodes").EnumerateArray().Select(n => n.Str("name"))];

        Assert.Equal([$"ZOË ÉCOLE Station {tag}"], await Search("zoë école"));
        Assert.Equal([$"跨境电商工作站 {tag}"], await Search("电商"));
        Assert.Equal(3, (await Search(tag)).Length);
    }

    [Fact]
    public async Task Ordering_by_opening_date_descending_lists_the_newest_first()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Order park {tag}");
        await Scenario.OpenAsync(parkId, $"A {tag}", openedOn: "2023-01-01");
        await Scenario.OpenAsync(parkId, $"B {tag}", openedOn: "2025-03-01");
        await Scenario.OpenAsync(parkId, $"C {tag}", openedOn: "2024-06-01");

        var data = await _client.DataAsync(
            "query($park: ID!) { workstations(where: { park: { eq: $park }, openedOn: { gte: \"2023-06-01\" } }, orderBy: { field: OPENED_ON, direction: DESC }) { nodes { name } } }",
            new { park = parkId });

        Assert.Equal([$"B {tag}", $"C {tag}"], data.At("workstations.nodes").EnumerateArray().Select(n => n.Str("name")));
    }

    [Theory]
    [InlineData("workstations(where: { openedOn: { gt: \"2025-01-01\", lt: \"2024-01-01\" } }) { totalCount }", "INVALID_FILTER")]
    [InlineData("workstations(first: 101) { totalCount }", "INVALID_PAGING")]
    [InlineData("workstations(first: 2, last: 2) { totalCount }", "INVALID_PAGING")]
    [InlineData("workstations(after: \"not-a-cursor\") { totalCount }", "INVALID_PAGING")]
    [InlineData("workstations(where: { park: { eq: \"bm9wZQ\" } }) { totalCount }", "INVALID_ID")]
    public async Task Contradictory_or_malformed_list_arguments_get_a_typed_error_not_a_500(string field, string code)
    {
        var response = await _client.PostAsync($"{{ {field} }}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal([code], response.ErrorCodes);
    }

    [Fact]
    public async Task A_cursor_from_one_order_is_refused_by_another()
    {
        var page = await _client.DataAsync("{ workstations(first: 1, orderBy: { field: NAME }) { pageInfo { endCursor } } }");
        var cursor = page.Str("workstations.pageInfo.endCursor");

        var response = await _client.PostAsync("query($after: String) { workstations(after: $after, orderBy: { field: OPENED_ON }) { totalCount } }", new { after = cursor });

        Assert.Equal(["INVALID_PAGING"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_stale_update_is_a_conflict_and_changes_nothing()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Concurrency park {tag}");
        var opened = await Scenario.OpenAsync(parkId, $"Original {tag}");
        const string update = "mutation($input: UpdateWorkstationInput!) { updateWorkstation(input: $input) { workstation { name version head } errors { code field } } }";

        var first = await _client.DataAsync(update, new { input = new { id = opened.Str("id"), expectedVersion = 1, name = $"Renamed {tag}", head = "Manager Yu" } });
        var stale = await _client.DataAsync(update, new { input = new { id = opened.Str("id"), expectedVersion = 1, name = $"Stale {tag}" } });
        var now = await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Workstation { name version head } } }", new { id = opened.Str("id") });

        Assert.Equal(2, first.At("updateWorkstation.workstation.version").GetInt32());
        Assert.Equal(JsonValueKind.Null, stale.At("updateWorkstation.workstation").ValueKind);
        Assert.Equal("CONFLICT", stale.Str("updateWorkstation.errors.0.code"));
        Assert.Equal(["input", "expectedVersion"], stale.At("updateWorkstation.errors.0.field").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal($"Renamed {tag}", now.Str("node.name"));
        Assert.Equal("Manager Yu", now.Str("node.head"));
        Assert.Equal(2, now.At("node.version").GetInt32());
    }

    [Fact]
    public async Task A_closed_workstation_cannot_be_closed_again_or_serve_after_closing()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Closing park {tag}");
        var opened = await Scenario.OpenAsync(parkId, $"Closing {tag}", openedOn: "2024-01-01");
        const string close = "mutation($input: CloseWorkstationInput!) { closeWorkstation(input: $input) { workstation { status closedOn version } errors { code } } }";

        var closed = await _client.DataAsync(close, new { input = new { id = opened.Str("id"), expectedVersion = 1, closedOn = "2025-01-31" } });
        var again = await _client.DataAsync(close, new { input = new { id = opened.Str("id"), expectedVersion = 2, closedOn = "2025-02-01" } });
        var service = await _client.DataAsync(
            "mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } errors { code } } }",
            new { input = new { workstationId = opened.Str("id"), kind = "CONSULTATION", occurredOn = "2025-03-01", topic = "Store freeze on Amazon" } });

        Assert.Equal("CLOSED", closed.Str("closeWorkstation.workstation.status"));
        Assert.Equal("2025-01-31", closed.Str("closeWorkstation.workstation.closedOn"));
        Assert.Equal("INVALID_STATE", again.Str("closeWorkstation.errors.0.code"));
        Assert.Equal("INVALID_STATE", service.Str("recordService.errors.0.code"));
    }

    [Fact]
    public async Task Recorded_services_appear_newest_first_on_the_workstation()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Service park {tag}");
        var opened = await Scenario.OpenAsync(parkId, $"Serving {tag}", openedOn: "2024-01-01");
        const string record = "mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id kind topic enterpriseId } errors { code field } } }";
        const string enterprise = "RW50ZXJwcmlzZTowMTkyZjBhMDAwMDA3MDAwODAwMDAwMDAwMDAwMDAwMQ";

        await _client.DataAsync(record, new { input = new { workstationId = opened.Str("id"), kind = "CONSULTATION", occurredOn = "2024-11-18", topic = "Trademark squatting in the EU" } });
        var visit = await _client.DataAsync(record, new { input = new { workstationId = opened.Str("id"), kind = "GUIDANCE_VISIT", occurredOn = "2025-04-10", topic = "noon compliance certification", enterpriseId = enterprise } });
        var data = await _client.DataAsync("query($id: ID!) { node(id: $id) { ... on Workstation { latestServiceRecords(count: 5) { kind topic occurredOn } } } }", new { id = opened.Str("id") });

        Assert.Equal(enterprise, visit.Str("recordService.serviceRecord.enterpriseId"));
        Assert.Equal(["2025-04-10", "2024-11-18"], data.At("node.latestServiceRecords").EnumerateArray().Select(r => r.Str("occurredOn")));
        Assert.Equal("GUIDANCE_VISIT", data.Str("node.latestServiceRecords.0.kind"));
    }

    [Fact]
    public async Task Bad_input_to_open_a_workstation_is_reported_field_by_field_and_nothing_is_saved()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Validation park {tag}");
        const string open = "mutation($input: OpenWorkstationInput!) { openWorkstation(input: $input) { workstation { id } errors { code field } } }";

        var tooLong = await _client.DataAsync(open, new { input = new { name = new string('x', 201), parkId, openedOn = "2024-10-15", level = "MUNICIPAL", head = tag } });
        var unknownPark = await _client.DataAsync(open, new { input = new { name = $"Orphan {tag}", parkId = "UGFyazowMTk0MDAwMDAwMDA3MDAwODAwMDAwMDAwMDAwMDAwMQ", openedOn = "2024-10-15", level = "MUNICIPAL" } });
        var wrongKind = await _client.DataAsync(open, new { input = new { name = " ", parkId = "bm90LWFuLWlk", openedOn = "2024-10-15", level = "MUNICIPAL" } });
        var count = await _client.DataAsync("query($park: ID!) { workstations(where: { park: { eq: $park } }) { totalCount } }", new { park = parkId });

        Assert.Equal(("TOO_LONG", "name"), Single(tooLong));
        Assert.Equal(("NOT_FOUND", "parkId"), Single(unknownPark));
        var errors = wrongKind.At("openWorkstation.errors").EnumerateArray().Select(e => (e.Str("code"), e.At("field").EnumerateArray().Last().GetString())).ToList();
        Assert.Equal([("REQUIRED", "name"), ("INVALID_ID", "parkId")], errors);
        Assert.Equal(0, count.At("workstations.totalCount").GetInt32());

        static (string, string?) Single(JsonElement data)
        {
            var error = Assert.Single(data.At("openWorkstation.errors").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, data.At("openWorkstation.workstation").ValueKind);
            return (error.Str("code"), error.At("field").EnumerateArray().Last().GetString());
        }
    }

    [Fact]
    public async Task Nodes_answers_in_the_order_asked_with_null_for_unknown_or_malformed_ids()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Nodes park {tag}");
        var opened = await Scenario.OpenAsync(parkId, $"Node {tag}");
        var missing = "V29ya3N0YXRpb246MDE5NDAwMDAwMDAwNzAwMDgwMDAwMDAwMDAwMDAwMDE";

        var data = await _client.DataAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            new { ids = new[] { opened.Str("id"), missing, "garbage", parkId } });

        var nodes = data.At("nodes").EnumerateArray().ToList();
        Assert.Equal(4, nodes.Count);
        Assert.Equal("Workstation", nodes[0].Str("__typename"));
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, nodes[2].ValueKind);
        Assert.Equal(parkId, nodes[3].Str("id"));
    }

    [Fact]
    public async Task A_page_of_workstations_with_park_staff_and_services_costs_the_same_statements_for_10_as_for_50()
    {
        var tag = WorkstationScenario.Tag();
        var parkId = await Scenario.RegisterParkAsync($"Batching park {tag}");
        for (var i = 0; i < 50; i++)
        {
            var opened = await Scenario.OpenAsync(parkId, $"Batch {tag} {i:00}", openedOn: "2024-01-01");
            await _client.DataAsync(
                "mutation($input: RecordServiceInput!) { recordService(input: $input) { errors { code } } }",
                new { input = new { workstationId = opened.Str("id"), kind = "CONSULTATION", occurredOn = "2025-01-02", topic = $"Topic {i}" } });
        }

        const string query = """
            query($park: ID!, $first: Int!) {
              workstations(where: { park: { eq: $park } }, first: $first) {
                nodes { name park { name workstations { name } } staff { personName } latestServiceRecords(count: 3) { topic workstation { name } } }
              }
            }
            """;

        async Task<int> StatementsFor(int first)
        {
            host.Statements.Reset();
            var data = await _client.DataAsync(query, new { park = parkId, first });
            Assert.Equal(first, data.At("workstations.nodes").GetArrayLength());
            Assert.Equal(1, data.At("workstations.nodes.0.latestServiceRecords").GetArrayLength());
            return host.Statements.Count;
        }

        var forTen = await StatementsFor(10);
        var forFifty = await StatementsFor(50);

        Assert.Equal(forTen, forFifty);
        Assert.InRange(forFifty, 1, 8);
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class WorkstationsOnMariaDbTests(MariaDbHost host) : WorkstationsTests(host);

[Collection(SqliteCollection.Name)]
public sealed class WorkstationsOnSqliteTests(SqliteHost host) : WorkstationsTests(host);
