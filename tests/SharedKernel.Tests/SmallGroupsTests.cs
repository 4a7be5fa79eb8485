using IpShield.SharedKernel.Statistics;

namespace IpShield.SharedKernel.Tests;

/// <summary>The privacy rule every statistics section applies: no figure a dashboard can single one enterprise out with.</summary>
public sealed class SmallGroupsTests
{
    private static readonly StatisticsPrivacy Dashboard = new(MinimumGroupSize: 3, Exact: false);
    private static readonly StatisticsPrivacy Staff = new(MinimumGroupSize: 3, Exact: true);

    private static string Show(Breakdown b) =>
        string.Join(" ", b.Groups.Select(g => $"{g.Key}={g.Enterprises}")) + (b.OtherWithheld ? " (other withheld)" : "") + $" folded={b.FoldedGroups}";

    [Theory]
    [InlineData("AE=10 SA=5 US=3", "AE=10 SA=5 US=3 folded=0")]
    [InlineData("AE=10 SA=5 US=2 DE=1", "AE=10 SA=5 OTHER=3 folded=2")]
    [InlineData("AE=10 SA=5 US=1", "AE=10 OTHER=6 folded=2")] // other=1 alone would give US away: SA joins it
    [InlineData("AE=2", " (other withheld) folded=1")]
    [InlineData("AE=1 SA=1", " (other withheld) folded=2")]
    [InlineData("AE=1 SA=1 US=1", "OTHER=3 folded=3")]
    [InlineData("", " folded=0")]
    [InlineData("AE=0 SA=4", "SA=4 folded=0")]
    [InlineData("SA=4 AE=4 US=7", "US=7 AE=4 SA=4 folded=0")] // descending size, then key
    public void A_dashboard_sees_small_groups_folded_or_withheld(string groups, string expected)
    {
        var input = groups.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => g.Split('='))
            .Select(g => new GroupCount(g[0], int.Parse(g[1], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, Show(Dashboard.Fold(input)));
    }

    [Fact]
    public void Staff_see_every_group_exactly()
    {
        var breakdown = Staff.Fold([new("AE", 10), new("US", 1), new("DE", 2)]);

        Assert.Equal("AE=10 DE=2 US=1 folded=0", Show(breakdown));
    }

    [Fact]
    public void Other_counts_distinct_enterprises_when_one_enterprise_is_in_several_groups()
    {
        // One enterprise sells in both KZ and UZ: the two small groups hold one enterprise, not two.
        var members = new Dictionary<string, Guid[]> { ["AE"] = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())] };
        var both = Guid.NewGuid();
        members["KZ"] = [both];
        members["UZ"] = [both];

        var breakdown = Dashboard.Fold(
            members.Select(m => new GroupCount(m.Key, m.Value.Length)),
            keys => keys.SelectMany(k => members[k]).Distinct().Count());

        // KZ+UZ hold one enterprise: AE joins them so that OTHER is not a group of one.
        Assert.Equal("OTHER=6 folded=3", Show(breakdown));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(3, 3)]
    [InlineData(40, 40)]
    public void A_count_below_the_threshold_is_withheld_from_a_dashboard(int enterprises, int? shown)
    {
        Assert.Equal(shown, Dashboard.Count(enterprises));
        Assert.Equal(enterprises, Staff.Count(enterprises));
    }

    [Fact]
    public void A_sum_over_too_few_enterprises_is_withheld_from_a_dashboard_but_not_from_staff()
    {
        Assert.Null(Dashboard.Sum(1200.50m, 2));
        Assert.Equal(1200.50m, Dashboard.Sum(1200.50m, 3));
        Assert.Equal(1200.50m, Staff.Sum(1200.50m, 1));
    }

    [Fact]
    public void Dashboard_clients_get_protected_figures_and_people_exact_ones()
    {
        Assert.False(StatisticsPrivacy.For(new Access.AccessContext { Kind = Access.CallerKind.Client }, 3).Exact);
        Assert.True(StatisticsPrivacy.For(new Access.AccessContext { Kind = Access.CallerKind.Person }, 3).Exact);
        Assert.True(StatisticsPrivacy.For(new Access.AccessContext { Kind = Access.CallerKind.Person, Roles = new HashSet<string> { Access.PlatformRoles.ParkManager } }, 3).Exact);
    }
}
