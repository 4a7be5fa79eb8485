using GraphQL.Types;
using IpShield.Workstations.Domain;

namespace IpShield.Workstations.Schema;

internal sealed class WorkstationLevelType : EnumerationGraphType<WorkstationLevel>
{
    public WorkstationLevelType()
    {
        Name = "WorkstationLevel";
        Description = "Municipal workstations are run by the city; district ones by a district.";
    }
}

internal sealed class WorkstationStatusType : EnumerationGraphType<WorkstationStatus>
{
    public WorkstationStatusType()
    {
        Name = "WorkstationStatus";
    }
}

internal sealed class WorkstationServiceType : EnumerationGraphType<WorkstationService>
{
    public WorkstationServiceType()
    {
        Name = "WorkstationService";
        Description = "A service a workstation offers the enterprises of its park.";
    }
}

internal sealed class ServiceKindType : EnumerationGraphType<ServiceKind>
{
    public ServiceKindType()
    {
        Name = "ServiceKind";
    }
}
