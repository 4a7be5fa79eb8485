namespace IpShield.Disputes.Contracts;

/// <summary>The GraphQL type names behind the Disputes module's global ids, for modules that refer to them.</summary>
public static class DisputesGlobalIds
{
    public const string DisputeCase = "DisputeCase";
    public const string Campaign = "DisputeCampaign";
    public const string Expert = "Expert";
    public const string RiskWarning = "RiskWarning";
    public const string Notification = "WarningNotification";
}
