using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Import;

/// <summary>A rights import job: the kernel's job fields (ADR 0014).</summary>
internal sealed class IpRightImportType : ImportJobType<RightImportJob, PortfoliosDbContext>
{
    public IpRightImportType()
        : base(RightImportPipeline.GlobalIdType, AccessPolicies.People, RightImportPipeline.ReportRoute) =>
        Description = "A bulk import of existing rights (marks, patents, designs, copyrights) from one uploaded CSV, JSONL or .xlsx file.";
}
