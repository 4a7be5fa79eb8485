using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using static IpShield.Portfolios.Deadlines.DeadlineTask;
using static IpShield.Portfolios.Domain.LifecycleEventKind;
using static IpShield.Portfolios.Tests.Facts;

namespace IpShield.Portfolios.Tests;

/// <summary>How recorded events and today's date move deadlines: done, open, missed, and no deadline at all.</summary>
public sealed class DeadlineLifecycleTests
{
    private static IReadOnlyList<Deadline> Compute(IpRightFacts right, string today) =>
        DeadlineEngine.Compute(right, DeadlineRuleCatalogue.Shipped.Rules, Day(today));

    [Fact]
    public void A_registered_CN_mark_shows_one_open_renewal_and_nothing_beyond_it()
    {
        var deadlines = Compute(Mark(Jurisdiction.China, registered: "2016-05-14"), "2026-01-01");

        var renewal = Assert.Single(deadlines);
        Assert.Equal((Renewal, 1, DeadlineState.Open, Day("2026-05-13")), (renewal.Task, renewal.Cycle, renewal.State, renewal.DueOn));
    }

    [Fact]
    public void A_renewal_recorded_in_the_window_closes_the_open_one_and_starts_the_next_term()
    {
        var mark = Mark(Jurisdiction.China, registered: "2014-03-07", events: Event(Renewed, "2023-11-02"));

        var deadlines = Compute(mark, "2026-11-29");

        Assert.Collection(deadlines,
            first => Assert.Equal((1, DeadlineState.Done, (DateOnly?)Day("2023-11-02")), (first.Cycle, first.State, first.ClosedOn)),
            next => Assert.Equal((2, DeadlineState.Open, Day("2034-03-06")), (next.Cycle, next.State, next.DueOn)));
    }

    [Fact]
    public void A_renewal_recorded_in_the_grace_period_still_renews()
    {
        var mark = Mark(Jurisdiction.EuropeanUnion, filed: "2014-03-07", registered: "2014-07-01", events: Event(Renewed, "2024-05-20"));

        var deadlines = Compute(mark, "2026-11-29");

        Assert.Equal(DeadlineState.Done, deadlines[0].State);
        Assert.Equal(25m, deadlines[0].SurchargePercentOn(Day("2024-05-20")));
        Assert.Equal((2, DeadlineState.Open), (deadlines[1].Cycle, deadlines[1].State));
    }

    [Fact]
    public void A_renewal_recorded_before_the_window_opens_does_not_count()
    {
        var mark = Mark(Jurisdiction.China, registered: "2014-03-07", events: Event(Renewed, "2022-12-01"));

        var renewal = Assert.Single(Compute(mark, "2023-06-01"));

        Assert.Equal((1, DeadlineState.Open), (renewal.Cycle, renewal.State));
    }

    [Fact]
    public void Two_recorded_renewals_close_the_first_two_terms_and_open_the_third()
    {
        var mark = Mark(Jurisdiction.UnitedStates, registered: "2004-06-01",
            events: [Event(UseDeclared, "2009-09-01"), Event(Renewed, "2014-02-10"), Event(Renewed, "2024-05-30")]);

        var renewals = Compute(mark, "2026-11-29").Where(d => d.Task == Renewal).ToList();

        Assert.Equal([DeadlineState.Done, DeadlineState.Done, DeadlineState.Open], renewals.Select(r => r.State));
        Assert.Equal(Day("2034-06-01"), renewals[2].DueOn);
    }

    [Fact]
    public void A_lapsed_right_gets_no_renewal_deadline()
    {
        var mark = Mark(Jurisdiction.China, registered: "2016-05-14", events: Event(Lapsed, "2024-03-01"));

        Assert.Empty(Compute(mark, "2026-01-01"));
    }

    [Fact]
    public void An_abandoned_mark_keeps_its_past_renewal_but_gets_no_next_one()
    {
        var mark = Mark(Jurisdiction.China, registered: "2014-03-07", events: [Event(Renewed, "2024-01-15"), Event(Abandoned, "2026-02-01")]);

        var renewal = Assert.Single(Compute(mark, "2026-11-29"));

        Assert.Equal((1, DeadlineState.Done), (renewal.Cycle, renewal.State));
    }

    [Fact]
    public void A_renewal_not_made_by_the_end_of_grace_is_missed_and_no_later_term_follows()
    {
        var renewal = Assert.Single(Compute(Mark(Jurisdiction.China, registered: "2014-03-07"), "2024-09-07"));

        Assert.Equal(DeadlineState.Missed, renewal.State);
    }

    [Fact]
    public void On_the_last_day_of_grace_the_renewal_is_still_open()
    {
        var renewal = Assert.Single(Compute(Mark(Jurisdiction.China, registered: "2014-03-07"), "2024-09-06"));

        Assert.Equal(DeadlineState.Open, renewal.State);
    }

    [Fact]
    public void A_mark_only_filed_gets_no_renewal_until_it_is_registered()
    {
        Assert.Empty(Compute(Mark(Jurisdiction.China, filed: "2025-01-01"), "2026-01-01"));
        Assert.Empty(Compute(Mark(Jurisdiction.EuropeanUnion, filed: "2025-01-01"), "2026-01-01"));
    }

    [Fact]
    public void An_opposition_period_that_has_passed_is_done_not_missed()
    {
        var period = Assert.Single(Compute(Mark(Jurisdiction.China, published: "2024-01-20"), "2026-01-01"));

        Assert.Equal(DeadlineState.Done, period.State);
    }

    [Fact]
    public void A_refused_application_has_no_opposition_period_left()
    {
        var mark = Mark(Jurisdiction.UnitedStates, published: "2026-11-10", events: Event(Refused, "2026-11-20"));

        Assert.Empty(Compute(mark, "2026-11-21"));
    }

    [Fact]
    public void A_copyright_has_no_deadlines()
    {
        Assert.Empty(Compute(Right(RightKind.Copyright, Jurisdiction.China, filed: "2020-01-01", registered: "2020-03-01"), "2026-01-01"));
    }

    [Fact]
    public void A_CN_design_without_a_filing_date_gets_no_term_because_the_rule_depends_on_it()
    {
        var design = Right(RightKind.Design, Jurisdiction.China, registered: "2022-01-01");

        Assert.DoesNotContain(Compute(design, "2026-01-01"), d => d.Task == TermEnds);
    }

    [Fact]
    public void A_mark_with_a_jurisdiction_rule_gets_it_instead_of_the_generic_one()
    {
        foreach (var code in new[] { "CN", "EU", "WO", "US", "AE", "SA" })
        {
            var rules = DeadlineEngine.Select(Mark(Jurisdiction.Parse(code)), DeadlineRuleCatalogue.Shipped.Rules);

            Assert.DoesNotContain(rules, r => r.Id == "tm.renewal.generic");
            Assert.Contains(rules, r => r.Task == Renewal && r.Jurisdiction == Jurisdiction.Parse(code));
        }
    }

    [Fact]
    public void An_EU_mark_counted_from_filing_gets_one_renewal_not_also_the_generic_one_counted_from_registration()
    {
        var deadlines = Compute(Mark(Jurisdiction.EuropeanUnion, filed: "2014-03-07", registered: "2014-07-01"), "2020-01-01");

        var renewal = Assert.Single(deadlines, d => d.Task == Renewal);
        Assert.Equal("tm.renewal.eu", renewal.RuleId);
    }

    [Fact]
    public void A_US_mark_gets_its_section_8_declaration_and_its_renewal_each_once()
    {
        var deadlines = Compute(Mark(Jurisdiction.UnitedStates, registered: "2019-10-15"), "2020-01-01");

        Assert.Equal([DeclarationOfUse, Renewal], deadlines.Select(d => d.Task));
    }
}
