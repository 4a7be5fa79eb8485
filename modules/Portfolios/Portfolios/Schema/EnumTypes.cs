using GraphQL.Types;
using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Schema;

internal sealed class IpRightKindType : EnumerationGraphType<RightKind>
{
    public IpRightKindType() => Name = "IpRightKind";
}

internal sealed class IpRightStatusType : EnumerationGraphType<RightStatus>
{
    public IpRightStatusType() => Name = "IpRightStatus";
}

internal sealed class MarkFormType : EnumerationGraphType<MarkForm>
{
    public MarkFormType()
    {
        Name = "MarkForm";
        Description = "How a mark is presented: words only, a device, or both.";
    }
}

internal sealed class IpRightEventKindType : EnumerationGraphType<LifecycleEventKind>
{
    public IpRightEventKindType() => Name = "IpRightEventKind";
}

internal sealed class DeadlineTaskType : EnumerationGraphType<DeadlineTask>
{
    public DeadlineTaskType() => Name = "DeadlineTask";
}

internal sealed class DeadlineStateType : EnumerationGraphType<DeadlineState>
{
    public DeadlineStateType() => Name = "DeadlineState";
}
