using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using static IpShield.Portfolios.Deadlines.DeadlineTask;
using static IpShield.Portfolios.Domain.LifecycleEventKind;
using static IpShield.Portfolios.Tests.Facts;

namespace IpShield.Portfolios.Tests;

/// <summary>CN annual fees: which years are due, when, and what paying late costs by month.</summary>
public sealed class AnnuityTests
{
    private static IReadOnlyList<Deadline> Annuities(IpRightFacts right, string today, string? forecastUntil = null) =>
        [.. DeadlineEngine.Compute(right, DeadlineRuleCatalogue.Shipped.Rules, Day(today), forecastUntil is null ? null : Day(forecastUntil))
            .Where(d => d.Task == Annuity)];

    // Filed 2015-04-05 and granted in its 9th year: the 10th year is due 2024-04-05; 0 % until 5 May, 5 % from 6 May to 5 June…
    [Theory]
    [InlineData("2024-04-05", 0)]
    [InlineData("2024-04-06", 0)]
    [InlineData("2024-05-05", 0)]
    [InlineData("2024-05-06", 5)]
    [InlineData("2024-06-05", 5)]
    [InlineData("2024-06-06", 10)]
    [InlineData("2024-07-05", 10)]
    [InlineData("2024-07-06", 15)]
    [InlineData("2024-08-06", 20)]
    [InlineData("2024-09-05", 20)]
    [InlineData("2024-09-06", 25)]
    [InlineData("2024-10-05", 25)]
    public void An_annuity_paid_late_costs_five_percent_more_for_each_month_after_the_first(string paidOn, int percent)
    {
        var annuity = Annuities(Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2015-04-05", registered: "2023-09-10"), "2024-01-01")
            .Single();

        Assert.Equal(Day("2024-04-05"), annuity.DueOn);
        Assert.Equal(percent, annuity.SurchargePercentOn(Day(paidOn)));
    }

    [Fact]
    public void An_annuity_paid_after_six_months_is_too_late()
    {
        var annuity = Annuities(Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2015-04-05", registered: "2023-09-10"), "2024-01-01")
            .Single();

        Assert.Null(annuity.SurchargePercentOn(Day("2024-10-06")));
    }

    [Fact]
    public void The_surcharge_months_of_an_annuity_due_on_a_month_end_end_on_month_ends()
    {
        var annuity = Annuities(Right(RightKind.UtilityModel, Jurisdiction.China, filed: "2019-08-31", registered: "2024-01-15"), "2024-01-16")
            .Single();

        Assert.Equal(Day("2024-08-31"), annuity.DueOn);
        Assert.Equal(
            [("2024-09-01", "2024-09-30", 0m), ("2024-10-01", "2024-10-31", 5m), ("2024-11-01", "2024-11-30", 10m),
             ("2024-12-01", "2024-12-31", 15m), ("2025-01-01", "2025-01-31", 20m), ("2025-02-01", "2025-02-28", 25m)],
            annuity.Surcharges.Select(s => (Iso(s.From), Iso(s.Until), s.Percent)));
    }

    [Fact]
    public void The_fee_of_the_grant_year_is_paid_at_registration_so_the_first_annuity_is_the_next_year()
    {
        var annuities = Annuities(Right(RightKind.InventionPatent, Jurisdiction.China, filed: "1997-06-03", registered: "2001-08-01"), "2000-01-01", "2005-12-31");

        Assert.Equal([6, 7, 8, 9], annuities.Select(a => a.Cycle));
    }

    [Fact]
    public void A_fee_recorded_at_grant_does_not_pay_the_next_year()
    {
        var patent = Right(RightKind.InventionPatent, Jurisdiction.China, filed: "1997-06-03", registered: "2001-08-01",
            events: Event(AnnuityPaid, "2001-08-01"));

        var annuity = Assert.Single(Annuities(patent, "2002-01-01"));

        Assert.Equal((6, DeadlineState.Open), (annuity.Cycle, annuity.State));
    }

    [Fact]
    public void Paying_an_annuity_shows_the_next_one_as_open()
    {
        var patent = Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2015-04-05", registered: "2023-09-10",
            events: [Event(AnnuityPaid, "2024-03-20"), Event(AnnuityPaid, "2025-04-20")]);

        var annuities = Annuities(patent, "2025-06-01");

        Assert.Equal([(10, DeadlineState.Done), (11, DeadlineState.Done), (12, DeadlineState.Open)], annuities.Select(a => (a.Cycle, a.State)));
        Assert.Equal(0m, annuities[1].SurchargePercentOn(annuities[1].ClosedOn!.Value)); // 2025-04-20: late, but within the first month
    }

    [Fact]
    public void An_annuity_not_paid_within_six_months_is_missed_and_the_patent_owes_nothing_more()
    {
        var annuity = Assert.Single(Annuities(Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2015-04-05", registered: "2023-09-10"), "2024-10-06"));

        Assert.Equal((10, DeadlineState.Missed), (annuity.Cycle, annuity.State));
    }

    [Theory]
    [InlineData("InventionPatent", "2004-03-07", 20)]
    [InlineData("UtilityModel", "2016-02-29", 10)]
    [InlineData("Design", "2021-05-31", 10)]
    [InlineData("Design", "2021-06-01", 15)]
    public void Annuities_stop_at_the_end_of_the_term(string kind, string filed, int lastYear)
    {
        var annuities = Annuities(Right(Enum.Parse<RightKind>(kind), Jurisdiction.China, filed: filed, registered: Iso(Day(filed).AddMonths(7))), "2000-01-01", "2100-01-01");

        Assert.Equal(lastYear, annuities.Max(a => a.Cycle));
    }

    [Fact]
    public void A_patent_not_yet_granted_owes_no_annuity()
    {
        Assert.Empty(Annuities(Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2023-01-01"), "2026-01-01"));
    }

    [Fact]
    public void An_invalidated_patent_owes_no_annuity_and_has_no_term_end()
    {
        var patent = Right(RightKind.InventionPatent, Jurisdiction.China, filed: "2015-04-05", registered: "2023-09-10",
            events: Event(Invalidated, "2023-06-01"));

        Assert.Empty(DeadlineEngine.Compute(patent, DeadlineRuleCatalogue.Shipped.Rules, Day("2024-01-01")));
    }
}
