using GraphQL.Types;
using IpShield.Enterprises.Domain;

namespace IpShield.Enterprises.Schema;

internal sealed class LegalFormType : EnumerationGraphType<LegalForm>
{
    public LegalFormType()
    {
        Name = "LegalForm";
    }
}

internal sealed class SalesPlatformType : EnumerationGraphType<SalesPlatform>
{
    public SalesPlatformType()
    {
        Name = "SalesPlatform";
        Description = "Where an enterprise sells: cross-border marketplaces, its own site, or another channel.";
    }
}

internal sealed class CertificationStatusType : EnumerationGraphType<CertificationStatus>
{
    public CertificationStatusType()
    {
        Name = "CertificationStatus";
    }
}

internal sealed class ImportPolicyType : EnumerationGraphType<ImportPolicy>
{
    public ImportPolicyType()
    {
        Name = "ImportPolicy";
    }
}
