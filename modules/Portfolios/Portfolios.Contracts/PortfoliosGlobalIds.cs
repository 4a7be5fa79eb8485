namespace IpShield.Portfolios.Contracts;

/// <summary>
/// The GraphQL type names behind the Portfolios module's global ids, for modules that accept a right or a deadline
/// id in their own inputs (a dispute about a mark, say).
/// </summary>
public static class PortfoliosGlobalIds
{
    public const string IpRight = "IpRight";
    public const string Deadline = "Deadline";
    public const string FilingPlan = "FilingPlan";
}
