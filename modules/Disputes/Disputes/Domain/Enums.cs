namespace IpShield.Disputes.Domain;

/// <summary>What kind of trouble a case is about.</summary>
internal enum CaseKind
{
    PlatformComplaint,
    Takedown,
    StoreFreeze,
    TrademarkSquatting,
    Lawsuit,
    CustomsSeizure,
    CeaseAndDesist,
}

/// <summary>
/// Where the trouble happens: the sales platforms of the Enterprises module (same spelling, so warnings match them), plus
/// Alibaba.com, whose IPP is AliExpress's, and venues that are no platform (a court, CNIPA, customs).
/// </summary>
internal enum DisputePlatform
{
    Noon,
    Amazon,
    Ebay,
    AliExpress,
    Alibaba,
    Temu,
    Shein,
    TikTokShop,
    Shopee,
    Lazada,
    OwnSite,
    None,
    Other,
}

/// <summary>How a case ended. A case cannot close without one.</summary>
internal enum CaseOutcome
{
    Upheld,
    Rejected,
    Settled,
    Reinstated,
    Withdrawn,
    DefaultJudgment,
    FundsReleased,
}

/// <summary>The kinds of money a case records, each with its ISO 4217 currency.</summary>
internal enum AmountKind
{
    FundsFrozen,
    DamagesClaimed,
    Settlement,
    LossesAvoided,
    LossesRecovered,
}

/// <summary>What a timeline entry records.</summary>
internal enum TimelineEntryKind
{
    Opened,
    StageChanged,
    Note,
    AmountRecorded,
    ExpertAssigned,
    EvidenceAdded,
    Closed,
}

internal enum ExpertKind
{
    Lawyer,
    Agent,
    Mediator,
}

internal enum RiskType
{
    PlatformComplaintWave,
    TroWave,
    Squatting,
    Customs,
    UsSection337,
    PolicyChange,
}

internal enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
