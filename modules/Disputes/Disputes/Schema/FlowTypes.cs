using GraphQL.Types;
using IpShield.Disputes.Flows;

namespace IpShield.Disputes.Schema;

internal sealed class StageFlowType : ObjectGraphType<StageFlow>
{
    public StageFlowType()
    {
        Name = "DisputeFlow";
        Description = "A stage flow as data: the path a kind of case takes on a platform, each stage with its clock (docs/dispute-flows.md).";
        Field(f => f.Key);
        Field(f => f.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseKindType>>>>("kinds").Description("Kinds it is chosen for when a case names no flow; empty: any.").Resolve(c => c.Source.Kinds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DisputePlatformType>>>>("platforms").Description("Empty: any.").Resolve(c => c.Source.Platforms);
        Field(f => f.Market, nullable: true).Description("The market it applies to; null: any.");
        Field(f => f.Source).Description("Where its stages and clocks come from.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageType>>>>("stages").Description("The first is where a case starts.").Resolve(c => c.Source.Stages);
    }
}

internal sealed class StageType : ObjectGraphType<Stage>
{
    public StageType()
    {
        Name = "DisputeStage";
        Field(s => s.Key);
        Field(s => s.Name);
        Field(s => s.IsFinal).Description("No move leads out of it: the case waits to be closed with an outcome.");
        Field<StageDeadlineType>("deadline").Resolve(c => c.Source.Deadline);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageMoveType>>>>("moves").Resolve(c => c.Source.Moves);
    }
}

internal sealed class StageDeadlineType : ObjectGraphType<StageDeadline>
{
    public StageDeadlineType()
    {
        Name = "DisputeStageDeadline";
        Field(d => d.Count);
        Field<NonNullGraphType<DeadlineUnitType>>("unit").Resolve(c => c.Source.Unit);
        Field(d => d.Act).Description("What is due by then.");
        Field(d => d.Anchor, nullable: true).Description("Counted from the day this other stage was entered, not this one.");
        Field(d => d.NoLimitForBadFaith).Description("Lifted for a case marked bad faith.");
    }
}

internal sealed class StageMoveType : ObjectGraphType<StageMove>
{
    public StageMoveType()
    {
        Name = "DisputeStageMove";
        Field(m => m.To);
        Field<NonNullGraphType<MoveTimingType>>("timing").Resolve(c => c.Source.Timing);
    }
}
