using GraphQL.Types;

namespace IpShield.SharedKernel.Statistics;

/// <summary>One group of a breakdown.</summary>
public sealed class StatisticsGroupType : ObjectGraphType<GroupCount>
{
    public StatisticsGroupType()
    {
        Name = "StatisticsGroup";
        Description = "One group of a breakdown; OTHER counts the groups too small to show on their own.";
        Field(g => g.Key).Description("The group: a market code, a platform, a category… or OTHER.");
        Field(g => g.Enterprises).Description("Enterprises in the group.");
    }
}

/// <summary>A breakdown with what was suppressed to protect small groups.</summary>
public sealed class BreakdownType : ObjectGraphType<Breakdown>
{
    public BreakdownType()
    {
        Name = "Breakdown";
        Description = "Enterprises counted by group. For a dashboard client, groups smaller than the privacy threshold are folded into OTHER (or withheld when even OTHER is too small); staff and the city centre see every group.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsGroupType>>>>("groups").Resolve(c => c.Source.Groups);
        Field(b => b.FoldedGroups).Description("How many groups were folded into OTHER.");
        Field(b => b.OtherWithheld).Description("True when the folded groups together were still too small and are not shown at all.");
    }
}

/// <summary>How the figures of a section were protected.</summary>
public sealed class StatisticsPrivacyType : ObjectGraphType<StatisticsPrivacy>
{
    public StatisticsPrivacyType()
    {
        Name = "StatisticsPrivacy";
        Description = "Whether the figures are exact or protected for small groups, and the threshold applied.";
        Field(p => p.Exact).Description("True for staff and the city centre: nothing is folded or withheld.");
        Field(p => p.MinimumGroupSize).Description("Groups and sums over fewer enterprises than this are folded or withheld.");
    }
}
