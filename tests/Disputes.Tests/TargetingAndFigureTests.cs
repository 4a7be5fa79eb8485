using IpShield.Disputes.Domain;

namespace IpShield.Disputes.Tests;

public sealed class TargetingAndFigureTests
{
    private static readonly Guid Wuchang = Guid.CreateVersion7();
    private static readonly Guid Yangtze = Guid.CreateVersion7();

    private static readonly SalesProfile NoonSeller = new(Wuchang, ["AE", "SA"], ["Noon"], ["Bluetooth headsets"]);

    private static readonly Dictionary<string, (WarningTarget Target, SalesProfile Enterprise, bool Reached)> Table = new()
    {
        ["market, platform and category all overlap"] = (new(null, ["AE"], ["Noon"], ["bluetooth HEADSETS"]), NoonSeller, true),
        ["empty lists match any"] = (new(null, [], [], []), NoonSeller, true),
        ["another market"] = (new(null, ["US"], [], []), NoonSeller, false),
        ["one of several markets is enough"] = (new(null, ["US", "SA"], [], []), NoonSeller, true),
        ["another platform"] = (new(null, [], ["Amazon"], []), NoonSeller, false),
        ["another category"] = (new(null, [], [], ["Robots"]), NoonSeller, false),
        ["a region is a code of its own, not its members"] = (new(null, ["GCC"], [], []), NoonSeller, false),
        ["a workstation's warning reaches its own enterprises"] = (new(Wuchang, ["AE"], [], []), NoonSeller, true),
        ["a workstation's warning does not reach another's"] = (new(Yangtze, ["AE"], [], []), NoonSeller, false),
        ["an enterprise not settled anywhere is not reached"] = (new(null, [], [], []), NoonSeller with { WorkstationId = null }, false),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_warning_reaches_exactly_the_enterprises_it_concerns(string why)
    {
        var (target, enterprise, reached) = Table[why];

        Assert.Equal(reached, target.Matches(enterprise));
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 10 }, 10.0)]
    [InlineData(new[] { 30, 10, 20 }, 20.0)]
    [InlineData(new[] { 40, 10, 20, 30 }, 25.0)]
    public void The_median_days_to_close_is_the_middle_of_the_closed_cases(int[] days, double? median)
    {
        var opened = new DateOnly(2024, 11, 1);

        Assert.Equal(median, CaseFigures.MedianDaysToClose(days.Select(d => (opened, opened.AddDays(d)))));
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 10, 10, 10 }, 10.0)]
    [InlineData(new[] { 5, 40, 40, 7, 40 }, 40.0)]
    [InlineData(new[] { 1, 2, 2, 9 }, 2.0)]
    [InlineData(new[] { 3, 3, 8, 8 }, 5.5)]
    [InlineData(new[] { 0, 12, 12, 12, 30, 30 }, 12.0)]
    public void The_median_from_cases_counted_per_number_of_days_is_the_median_of_the_cases(int[] days, double? median)
    {
        var histogram = days.GroupBy(d => d).Select(g => (g.Key, g.Count())).Reverse().ToList();

        Assert.Equal(median, CaseFigures.MedianDaysToClose(histogram));
        Assert.Equal(median, CaseFigures.MedianDaysToClose(days.Select(d => (new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 1).AddDays(d)))));
    }
}
