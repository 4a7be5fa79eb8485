using IpShield.SharedKernel.Time;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using Microsoft.Extensions.DependencyInjection;
using static IpShield.Portfolios.Deadlines.DeadlineTask;
using static IpShield.Portfolios.Domain.LifecycleEventKind;
using static IpShield.Portfolios.Tests.Facts;

namespace IpShield.Portfolios.Tests;

/// <summary>What a rule can say, shown with rules written for the test: overrides, filing-date ranges, month ends, priority.</summary>
public sealed class RuleModelTests
{
    private static readonly IReadOnlySet<RightKind> Marks = new HashSet<RightKind> { RightKind.Trademark };

    private static DeadlineRule Rule(string id, Period offset) => new(id, Renewal, Registered, Marks, offset);

    [Fact]
    public void A_jurisdiction_rule_overrides_the_generic_rule_with_the_same_task_and_trigger()
    {
        var rules = new[] { Rule("generic", Period.OfYears(10)), Rule("fr", Period.OfYears(7)) with { Jurisdiction = Jurisdiction.Parse("FR") } };

        var french = DeadlineEngine.Compute(Mark(Jurisdiction.Parse("FR"), registered: "2020-01-15"), rules, Day("2020-01-15"));
        var german = DeadlineEngine.Compute(Mark(Jurisdiction.Parse("DE"), registered: "2020-01-15"), rules, Day("2020-01-15"));

        Assert.Equal(("fr", Day("2027-01-15")), (Assert.Single(french).RuleId, french[0].DueOn));
        Assert.Equal(("generic", Day("2030-01-15")), (Assert.Single(german).RuleId, german[0].DueOn));
    }

    [Fact]
    public void A_jurisdiction_rule_for_another_task_leaves_the_generic_rule_in_place()
    {
        var rules = new[] { Rule("generic", Period.OfYears(10)), Rule("fr-use", Period.OfYears(5)) with { Task = DeclarationOfUse, Jurisdiction = Jurisdiction.Parse("FR") } };

        var deadlines = DeadlineEngine.Compute(Mark(Jurisdiction.Parse("FR"), registered: "2020-01-15"), rules, Day("2020-01-15"));

        Assert.Equal(["fr-use", "generic"], deadlines.Select(d => d.RuleId));
    }

    [Fact]
    public void The_filing_date_chooses_between_rules_made_before_and_after_a_change_of_law_whatever_today_is()
    {
        var rules = new[]
        {
            Rule("old", Period.OfYears(10)) with { Trigger = Filed, FiledBefore = Day("2021-06-01") },
            Rule("new", Period.OfYears(15)) with { Trigger = Filed, FiledFrom = Day("2021-06-01") },
        };

        Assert.Equal("old", Assert.Single(DeadlineEngine.Compute(Mark(Jurisdiction.China, filed: "2021-05-31"), rules, Day("2030-01-01"))).RuleId);
        Assert.Equal("new", Assert.Single(DeadlineEngine.Compute(Mark(Jurisdiction.China, filed: "2021-06-01"), rules, Day("2019-01-01"))).RuleId);
    }

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2023-01-31", 1, "2023-02-28")]
    [InlineData("2024-03-31", 1, "2024-04-30")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    [InlineData("2024-08-31", 6, "2025-02-28")]
    public void Adding_months_clamps_to_the_end_of_a_shorter_month(string from, int months, string expected)
    {
        Assert.Equal(Day(expected), Period.OfMonths(months).AddTo(Day(from)));
    }

    [Fact]
    public void A_month_end_rule_falls_due_on_the_last_day_of_the_anniversary_month_and_its_window_starts_on_a_first()
    {
        var rule = Rule("eom", Period.OfYears(10)) with
        {
            Due = DueDateConvention.EndOfMonth,
            WindowBefore = Period.OfMonths(6),
            Grace = new GracePeriod(Period.OfMonths(6)),
        };

        var deadline = Assert.Single(DeadlineEngine.Compute(Mark(Jurisdiction.Parse("FR"), registered: "2014-03-03"), [rule], Day("2020-01-01")));

        Assert.Equal((Day("2024-03-31"), (DateOnly?)Day("2023-10-01"), (DateOnly?)Day("2024-09-30")), (deadline.DueOn, deadline.WindowOpensOn, deadline.GraceEndsOn));
    }

    [Fact]
    public void A_rule_counting_from_priority_uses_the_earliest_priority_date()
    {
        var rule = new DeadlineRule("paris", Renewal, Filed, Marks, Period.OfMonths(30)) { CountsFromPriority = true };
        var right = Mark(Jurisdiction.Parse("FR"), filed: "2024-05-20") with { EarliestPriorityOn = Day("2023-11-30") };

        Assert.Equal(Day("2026-05-30"), Assert.Single(DeadlineEngine.Compute(right, [rule], Day("2024-06-01"))).DueOn);
    }

    [Fact]
    public void A_rule_cannot_be_entered_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => new DeadlineRuleCatalogue([Rule("a", Period.OfYears(10)), Rule("b", Period.OfYears(9))]));

        Assert.Contains("a and b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_for_disjoint_filing_dates_are_not_a_rule_entered_twice()
    {
        var catalogue = new DeadlineRuleCatalogue([
            Rule("old", Period.OfYears(10)) with { FiledBefore = Day("2021-06-01") },
            Rule("new", Period.OfYears(15)) with { FiledFrom = Day("2021-06-01") },
        ]);

        Assert.Equal(2, catalogue.Rules.Count);
    }

    [Fact]
    public void Every_shipped_rule_says_which_law_it_implements()
    {
        Assert.All(DeadlineRuleCatalogue.Shipped.Rules, r => Assert.True(r.LegalSource.Length > 40, r.Id));
    }

    [Fact]
    public void The_module_registers_the_shipped_catalogue_and_the_engine()
    {
        using var provider = new ServiceCollection().AddPortfoliosModule().BuildServiceProvider();

        var engine = provider.GetRequiredService<DeadlineEngine>();

        Assert.Same(DeadlineRuleCatalogue.Shipped, provider.GetRequiredService<DeadlineRuleCatalogue>());
        Assert.NotEmpty(engine.Compute(Mark(Jurisdiction.China, registered: "2020-01-01"), Day("2025-01-01")));
    }
}
