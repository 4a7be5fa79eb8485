using System.Text.RegularExpressions;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Domain;

namespace IpShield.Portfolios.Messaging;

/// <summary>The module's integration events built from its entities, with enum values named as in the GraphQL schema.</summary>
internal static partial class PortfoliosEventFactory
{
    public static IpRightRegistered Registered(IpRight right, DateTimeOffset now) =>
        new(right.Id, right.EnterpriseId, right.WorkstationId, Constant(right.Kind), right.Jurisdiction, right.NameZh, right.RegistrationNumber,
            right.RegisteredOn ?? throw new InvalidOperationException("A right without a registration date is not registered."))
        {
            OccurredAt = now,
        };

    /// <summary>INVENTION_PATENT for InventionPatent: what a client of the schema sees.</summary>
    public static string Constant(Enum value) => WordStart().Replace(value.ToString(), "_$1").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
