using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Training.Persistence;

namespace IpShield.Integration.Tests.Training;

/// <summary>A workstation with three enterprises settled in it, its staff, and a member of each enterprise, arranged through the API.</summary>
internal sealed class TrainingScenario
{
    public const string RegistrationFields = "id status attendees attendedAt attendanceSource satisfaction checkInCode version session { id seatsTaken } enterprise { id }";
    public const string SessionFields = "id title kind status capacity seatsTaken startsAt startsAtLocal topics organiser { id }";

    private TrainingScenario(PlatformHost host) => Host = host;

    public PlatformHost Host { get; }
    public GraphQLClient Admin { get; private init; } = null!;
    public GraphQLClient Staff { get; private init; } = null!;
    public string Park { get; private init; } = "";
    public string Workstation { get; private init; } = "";
    public string[] Enterprises { get; private init; } = [];
    public GraphQLClient[] Members { get; private init; } = [];

    public static async Task<TrainingScenario> CreateAsync(PlatformHost host)
    {
        var admin = host.CreateClient();
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(admin);
        var park = await workstations.RegisterParkAsync($"Training park {tag}");
        var workstation = (await workstations.OpenAsync(park, $"Training WS {tag}")).Str("id");
        var registry = new EnterpriseScenario(admin);
        var enterprises = new string[3];
        var members = new GraphQLClient[3];
        for (var i = 0; i < 3; i++)
        {
            enterprises[i] = (await registry.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"培训企业{i} {tag}")).Str("id");
            await registry.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprises[i], parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
            members[i] = host.CreateClient(await host.Identity.PersonTokenAsync("enterprise_member", enterprise: Key(enterprises[i])));
        }

        return new TrainingScenario(host)
        {
            Admin = admin,
            Staff = host.CreateClient(await host.Identity.PersonTokenAsync("workstation_staff", [Key(workstation)])),
            Park = park,
            Workstation = workstation,
            Enterprises = enterprises,
            Members = members,
        };
    }

    public DateTime Now => Host.Clock.GetUtcNow().UtcDateTime;

    public async Task<JsonElement> ScheduleAsync(GraphQLClient client, int capacity, DateTime startsAt, DateTime endsAt, DateTime? opensAt = null, string kind = "TRAINING", DateTime? cancellationCutoffAt = null)
    {
        var payload = await MutateAsync(client, "scheduleTrainingSession", "ScheduleTrainingSessionInput", $"session {{ {SessionFields} }}", new
        {
            organiserId = Workstation,
            kind,
            title = "跨境电商知识产权合规培训 · IP compliance for noon sellers",
            topics = new[] { "market:AE", "platform:noon", "ip:trademark" },
            speakers = new[] { "王律师" },
            startsAt = Iso(startsAt),
            endsAt = Iso(endsAt),
            venue = kind == "ONLINE_WEBINAR" ? null : "武昌工作站 2F",
            onlineLink = kind == "ONLINE_WEBINAR" ? "https://meeting.example.cn/123" : null,
            capacity,
            registrationOpensAt = Iso(opensAt ?? Now.AddHours(-1)),
            registrationClosesAt = Iso(startsAt < endsAt && startsAt > Now ? startsAt : endsAt),
            cancellationCutoffAt = Iso(cancellationCutoffAt ?? startsAt),
            materials = new[] { "https://example.cn/slides.pdf" },
        });
        Assert.True(payload.At("errors").GetArrayLength() == 0, payload.At("errors").ToString());
        return payload.At("session");
    }

    /// <summary>A session starting in half an hour (check-in is open: doors open an hour before), two hours long.</summary>
    public Task<JsonElement> ScheduleSoonAsync(int capacity) => ScheduleAsync(Admin, capacity, Now.AddMinutes(30), Now.AddMinutes(150));

    public async Task<JsonElement> RegisterAsync(GraphQLClient client, string session, string? enterprise, params string[] attendees) =>
        await MutateAsync(client, "registerForTraining", "RegisterForTrainingInput", $"registration {{ {RegistrationFields} }}",
            new { sessionId = session, enterpriseId = enterprise, attendees = attendees.Length > 0 ? attendees : ["张三"] });

    public async Task<JsonElement> ScanAsync(GraphQLClient client, string session, string code) =>
        await MutateAsync(client, "checkInAttendee", "CheckInAttendeeInput", $"checkIn {{ outcome message registration {{ {RegistrationFields} }} }}", new { sessionId = session, code });

    public async Task<JsonElement> RegistrationAsync(GraphQLClient client, string id) =>
        (await client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on TrainingRegistration {{ {RegistrationFields} }} }} }}", new { id })).At("node");

    public static async Task<JsonElement> MutateAsync(GraphQLClient client, string field, string inputType, string result, object input)
    {
        var data = await client.DataAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {result} errors {{ code message field }} }} }}", new { input });
        return data.At(field);
    }

    /// <summary>The events of <paramref name="type"/> the Training module wrote to its outbox (with the change that caused them) that mention <paramref name="about"/>.</summary>
    public Task<List<T>> EventsAsync<T>(string type, Guid about) => OutboxEvents.OfAsync<TrainingDbContext, T>(Host.Services, type, about);

    public static IReadOnlyList<string?> Codes(JsonElement payload) => EnterpriseScenario.Codes(payload);

    public static string Iso(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
}
