namespace IpShield.Enterprises.Domain;

internal enum LegalForm
{
    LimitedLiabilityCompany,
    JointStockCompany,
    SoleProprietorship,
    Partnership,
    IndividualBusiness,
    ForeignInvested,
    Other,
}

internal enum SalesPlatform
{
    Noon,
    Amazon,
    Ebay,
    AliExpress,
    Temu,
    Shein,
    TikTokShop,
    Shopee,
    Lazada,
    OwnSite,
    Other,
}

internal enum CertificationStatus
{
    NotStarted,
    InProgress,
    Certified,
    Expired,
    Revoked,
}
