using IpShield.SharedKernel.Imports;

namespace IpShield.Enterprises.Domain;

internal enum ImportPolicy
{
    /// <summary>Create new enterprises and update existing ones (matched on the credit code).</summary>
    Upsert,

    /// <summary>Create new enterprises; a row whose credit code exists is an error.</summary>
    InsertOnly,
}

/// <summary>A bulk import of enterprise records (the kernel's job, ADR 0014), with the policy the importer chose.</summary>
internal sealed class EnterpriseImportJob : ImportJob
{
    public ImportPolicy Policy { get; init; }
}
