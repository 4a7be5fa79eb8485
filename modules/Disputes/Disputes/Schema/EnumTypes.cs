using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Flows;

namespace IpShield.Disputes.Schema;

internal sealed class CaseKindType : EnumerationGraphType<CaseKind>
{
    public CaseKindType() => Name = "DisputeCaseKind";
}

internal sealed class DisputePlatformType : EnumerationGraphType<DisputePlatform>
{
    public DisputePlatformType()
    {
        Name = "DisputePlatform";
        Description = "Where the dispute happens: a sales platform (spelled as the Enterprises module's SalesPlatform), NONE for an office, court or customs.";
    }
}

internal sealed class CaseOutcomeType : EnumerationGraphType<CaseOutcome>
{
    public CaseOutcomeType() => Name = "DisputeOutcome";
}

internal sealed class AmountKindType : EnumerationGraphType<AmountKind>
{
    public AmountKindType() => Name = "DisputeAmountKind";
}

internal sealed class TimelineEntryKindType : EnumerationGraphType<TimelineEntryKind>
{
    public TimelineEntryKindType() => Name = "DisputeTimelineEntryKind";
}

internal sealed class ExpertKindType : EnumerationGraphType<ExpertKind>
{
    public ExpertKindType() => Name = "ExpertKind";
}

internal sealed class RiskTypeType : EnumerationGraphType<RiskType>
{
    public RiskTypeType() => Name = "RiskType";
}

internal sealed class SeverityType : EnumerationGraphType<Severity>
{
    public SeverityType() => Name = "WarningSeverity";
}

internal sealed class DeadlineUnitType : EnumerationGraphType<DeadlineUnit>
{
    public DeadlineUnitType() => Name = "StageDeadlineUnit";
}

internal sealed class MoveTimingType : EnumerationGraphType<MoveTiming>
{
    public MoveTimingType()
    {
        Name = "StageMoveTiming";
        Description = "ANY; BY_DEADLINE: only up to the stage's due day; AFTER_DEADLINE: only once it has passed.";
    }
}
