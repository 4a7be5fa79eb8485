using System.Globalization;
using System.Text.Json;
using IpShield.Integration.Tests.Enterprises;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Live;

/// <summary>Workstations with deadlines, and deadline reminders raised as the daily job raises them: what live tests stream.</summary>
internal sealed class LiveScenario(PlatformHost host)
{
    private readonly GraphQLClient _admin = host.CreateClient();

    public sealed record RaisedDeadline(string Id, Guid Key, Guid Right, Guid Enterprise, Guid Workstation, DateOnly DueOn);

    /// <summary>Two workstations of one park, each with a settled enterprise holding a CN mark and so a renewal deadline.</summary>
    public async Task<(string Park, string Own, string Other, RaisedDeadline OwnDeadline, RaisedDeadline OtherDeadline)> TwoWorkstationsAsync()
    {
        var tag = WorkstationScenario.Tag();
        var workstations = new WorkstationScenario(_admin);
        var park = await workstations.RegisterParkAsync($"Live park {tag}");
        var own = (await workstations.OpenAsync(park, $"Live WS {tag}")).Str("id");
        var other = (await workstations.OpenAsync(park, $"Other live WS {tag}")).Str("id");
        return (park, own, other, await DeadlineInAsync(park, own, tag), await DeadlineInAsync(park, other, tag));
    }

    public async Task<RaisedDeadline> DeadlineInAsync(string park, string workstation, string tag)
    {
        var enterprises = new EnterpriseScenario(_admin);
        var enterprise = (await enterprises.RegisterAsync(EnterpriseScenario.NewCreditCode(), $"实时企业 {tag}")).Str("id");
        await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterprise, parkId = park, workstationId = workstation, settledOn = "2025-01-06" });
        var registeredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60).AddYears(-10);
        var recorded = await _admin.DataAsync(
            "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code } } }",
            new { input = new { enterpriseId = enterprise, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "实时商标", filedOn = Iso(registeredOn.AddYears(-1)), registeredOn = Iso(registeredOn) } });
        var renewal = (await _admin.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Enterprise { deadlines(where: { task: { eq: RENEWAL } }) { nodes { id dueOn } } } } }",
            new { id = enterprise })).At("node.deadlines.nodes.0");
        return new RaisedDeadline(renewal.Str("id"), Key(renewal.Str("id")), Key(recorded.Str("recordIpRight.ipRight.id")), Key(enterprise), Key(workstation),
            DateOnly.Parse(renewal.Str("dueOn"), CultureInfo.InvariantCulture));
    }

    /// <summary>The workstation's copy of the settlement reaches the deadline through the outbox: wait until its staff can read it.</summary>
    public static Task WaitUntilVisibleAsync(GraphQLClient staff, string deadline) =>
        Eventually.MatchAsync(
            async () => (await staff.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = deadline })).At("node").ValueKind,
            kind => kind == JsonValueKind.Object,
            "the deadline to be visible to its workstation's staff");

    /// <summary>
    /// What the daily deadline job raises (DeadlineReminders), written the same way: into the Portfolios outbox, in a
    /// commit of its own. Raised here so the test does not move the shared host's clock.
    /// </summary>
    public async Task<Guid> RaiseAsync(RaisedDeadline deadline, int daysLeft)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
        var reminder = new DeadlineApproaching(deadline.Key, deadline.Right, deadline.Enterprise, deadline.Workstation, "RENEWAL", deadline.DueOn, null, daysLeft);
        db.Publish(reminder);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return reminder.EventId;
    }

    public async Task<int> LiveRowsAsync(Guid[] eventIds)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveDbContext>();
        return await db.Events.CountAsync(e => eventIds.Contains(e.EventId), TestContext.Current.CancellationToken);
    }

    public static Guid Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
