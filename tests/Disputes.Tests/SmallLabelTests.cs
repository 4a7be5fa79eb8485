using IpShield.Disputes.Features.Statistics;

namespace IpShield.Disputes.Tests;

/// <summary>How a dashboard's fold of dispute labels counts the enterprises of a union of labels (SmallLabels).</summary>
public sealed class SmallLabelTests
{
    private static readonly Guid Park = Guid.CreateVersion7();
    private static readonly Guid OtherPark = Guid.CreateVersion7();
    private static readonly Guid A = Guid.CreateVersion7();
    private static readonly Guid B = Guid.CreateVersion7();
    private static readonly Guid C = Guid.CreateVersion7();

    // In the park: one enterprise sued (two cases), one enterprise with a takedown and a lawsuit, five with complaints.
    private static readonly LabelTally[] Stages =
        [new("TRO_GRANTED", 3, 2), new("TAKEDOWN", 1, 1), new("COMPLAINT_RECEIVED", 5, 5)];

    private static readonly SmallLabels Read = SmallLabels.Of(
        [(SmallLabels.Stage, "TRO_GRANTED"), (SmallLabels.Stage, "TAKEDOWN")],
        [
            (Park, SmallLabels.Stage, "TRO_GRANTED", A), (Park, SmallLabels.Stage, "TRO_GRANTED", B),
            (Park, SmallLabels.Stage, "TAKEDOWN", B),
            (OtherPark, SmallLabels.Stage, "TAKEDOWN", C),
        ]);

    [Fact]
    public void The_small_labels_of_a_scope_count_their_distinct_enterprises_once()
    {
        Assert.Equal(2, Read.EnterprisesIn(Park, SmallLabels.Stage, ["TRO_GRANTED", "TAKEDOWN"], Stages));
        Assert.Equal(1, Read.EnterprisesIn(Park, SmallLabels.Stage, ["TAKEDOWN"], Stages));
    }

    [Fact]
    public void Another_scopes_enterprises_do_not_count()
    {
        Assert.Equal(1, Read.EnterprisesIn(OtherPark, SmallLabels.Stage, ["TAKEDOWN"], [new LabelTally("TAKEDOWN", 1, 1)]));
        Assert.Equal(0, Read.EnterprisesIn(OtherPark, SmallLabels.Stage, ["TRO_GRANTED"], []));
    }

    [Fact]
    public void A_fold_that_takes_in_a_label_not_read_gets_that_labels_enterprises_as_a_lower_bound()
    {
        Assert.Equal(5, Read.EnterprisesIn(Park, SmallLabels.Stage, ["TRO_GRANTED", "TAKEDOWN", "COMPLAINT_RECEIVED"], Stages));
    }

    [Fact]
    public void Nothing_read_answers_from_the_tallies_alone()
    {
        Assert.Equal(5, SmallLabels.None.EnterprisesIn(Park, SmallLabels.Outcome, ["COMPLAINT_RECEIVED", "TAKEDOWN"], Stages));
    }
}
