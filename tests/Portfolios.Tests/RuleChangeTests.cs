using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.SharedKernel.Time;
using static IpShield.Portfolios.Deadlines.DeadlineTask;
using static IpShield.Portfolios.Domain.LifecycleEventKind;

namespace IpShield.Portfolios.Tests;

/// <summary>Which rules count as changed when the catalogue changes, and so which stored deadlines are computed again.</summary>
public sealed class RuleChangeTests
{
    private static readonly IReadOnlySet<RightKind> Marks = new HashSet<RightKind> { RightKind.Trademark };

    private static DeadlineRule Rule(string id, Period offset) => new(id, Renewal, Registered, Marks, offset);

    private static Dictionary<string, string> Applied(params DeadlineRule[] rules) => rules.ToDictionary(r => r.Id, RuleFingerprint.Of);

    [Fact]
    public void The_same_rule_has_the_same_fingerprint_and_a_corrected_citation_changes_nothing()
    {
        var rule = Rule("cn", Period.OfYears(10)) with { Grace = new GracePeriod(Period.OfMonths(6)) { Surcharges = [new SurchargeStep(Period.OfMonths(1), 5m)] } };

        Assert.Equal(RuleFingerprint.Of(rule), RuleFingerprint.Of(rule with { }));
        Assert.Equal(RuleFingerprint.Of(rule), RuleFingerprint.Of(rule with { LegalSource = "Trademark Law art. 40, as amended" }));
        Assert.Equal(RuleFingerprint.Length, RuleFingerprint.Of(rule).Length);
    }

    [Theory]
    [InlineData("offset")]
    [InlineData("grace")]
    [InlineData("surcharge")]
    [InlineData("window")]
    [InlineData("filing dates")]
    [InlineData("closed by")]
    [InlineData("jurisdiction")]
    public void Any_change_to_what_a_rule_computes_changes_its_fingerprint(string what)
    {
        var rule = Rule("cn", Period.OfYears(10)) with
        {
            Grace = new GracePeriod(Period.OfMonths(6)) { Surcharges = [new SurchargeStep(Period.OfMonths(1), 5m)] },
            WindowBefore = Period.OfMonths(12),
            ClosedBy = new HashSet<LifecycleEventKind> { Renewed },
        };
        var changed = what switch
        {
            "offset" => rule with { Offset = Period.OfYears(7) },
            "grace" => rule with { Grace = rule.Grace! with { Length = Period.OfMonths(3) } },
            "surcharge" => rule with { Grace = rule.Grace! with { Surcharges = [new SurchargeStep(Period.OfMonths(1), 10m)] } },
            "window" => rule with { WindowBefore = Period.OfMonths(6) },
            "filing dates" => rule with { FiledFrom = new DateOnly(2021, 6, 1) },
            "closed by" => rule with { ClosedBy = new HashSet<LifecycleEventKind> { Renewed, UseDeclared } },
            _ => rule with { Jurisdiction = Jurisdiction.China },
        };

        Assert.NotEqual(RuleFingerprint.Of(rule), RuleFingerprint.Of(changed));
    }

    [Fact]
    public void A_changed_a_new_and_a_removed_rule_are_found_and_an_unchanged_one_is_not()
    {
        var kept = Rule("kept", Period.OfYears(10)) with { Jurisdiction = Jurisdiction.China };
        var corrected = Rule("corrected", Period.OfYears(10)) with { Jurisdiction = Jurisdiction.SaudiArabia };
        var added = Rule("added", Period.OfYears(7)) with { Jurisdiction = Jurisdiction.Parse("MO") };
        var stored = Applied(kept, corrected, Rule("removed", Period.OfYears(10)) with { Jurisdiction = Jurisdiction.UnitedStates });

        var changes = RuleChanges.Between(new DeadlineRuleCatalogue([kept, corrected with { Offset = Period.OfHijriYears(10) }, added]), stored);

        Assert.Equal(["corrected", "added"], changes.ChangedOrNew.Select(r => r.Id));
        Assert.Equal(["removed"], changes.Removed);
        Assert.False(changes.None);
    }

    [Fact]
    public void Only_rights_of_the_kinds_and_jurisdictions_of_a_changed_rule_may_be_touched()
    {
        var changes = new RuleChanges([Rule("sa", Period.OfHijriYears(10)) with { Jurisdiction = Jurisdiction.SaudiArabia }, Rule("generic", Period.OfYears(10)) with { Kinds = new HashSet<RightKind> { RightKind.Design } }], []);

        Assert.True(changes.MayTouch(RightKind.Trademark, "SA"));
        Assert.False(changes.MayTouch(RightKind.Trademark, "AE"));
        Assert.True(changes.MayTouch(RightKind.Design, "AE"));
        Assert.False(changes.MayTouch(RightKind.InventionPatent, "SA"));
    }

    [Fact]
    public void An_unchanged_catalogue_changes_nothing()
    {
        var stored = DeadlineRuleCatalogue.Shipped.Rules.ToDictionary(r => r.Id, RuleFingerprint.Of);

        Assert.True(RuleChanges.Between(DeadlineRuleCatalogue.Shipped, stored).None);
    }
}
