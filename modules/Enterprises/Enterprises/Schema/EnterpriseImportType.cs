using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Import;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Imports;

namespace IpShield.Enterprises.Schema;

/// <summary>An enterprise import job: the kernel's job fields (ADR 0014) and the policy chosen.</summary>
internal sealed class EnterpriseImportType : ImportJobType<EnterpriseImportJob, EnterprisesDbContext>
{
    public EnterpriseImportType()
        : base(EnterprisesGlobalIds.EnterpriseImport, EnterpriseAccess.ReadPolicy, EnterpriseImportPipeline.ReportRoute)
    {
        Description = "A bulk import of enterprise records from one uploaded CSV, JSONL or .xlsx file.";
        Field<NonNullGraphType<ImportPolicyType>>("policy").Resolve(c => c.Source.Policy);
    }
}
