using System.Linq.Expressions;
using IpShield.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Persistence;

/// <summary>
/// <see cref="WarningTarget"/> as a query over the profiles kept from the Enterprises module's events: one statement however
/// many enterprises there are, each condition a LIKE on a delimited column ("has market X"), on MariaDB and SQLite alike.
/// </summary>
internal static class Targeting
{
    public static string MarketToken(string market) => $",{market},";

    public static string PlatformToken(string platform) => $",{platform},";

    public static string CategoryToken(string category) => $"|{category.Trim().ToLowerInvariant()}|";

    public static string Join(IEnumerable<string> values, char delimiter) =>
        values.Any() ? $"{delimiter}{string.Join(delimiter, values.Distinct(StringComparer.Ordinal))}{delimiter}" : "";

    public static string Categories(IEnumerable<string> categories) =>
        Join(categories.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0), '|');

    public static IQueryable<EnterpriseProfile> Matching(this IQueryable<EnterpriseProfile> profiles, WarningTarget target)
    {
        profiles = profiles.Where(p => p.WorkstationId != null);
        if (target.WorkstationId is { } workstation)
        {
            profiles = profiles.Where(p => p.WorkstationId == workstation);
        }

        return profiles
            .Where(AnyOf(target.Markets.Select(MarketToken), p => p.MarketCodes))
            .Where(AnyOf(target.Platforms.Select(PlatformToken), p => p.PlatformCodes))
            .Where(AnyOf(target.ProductCategories.Select(CategoryToken), p => p.CategoryCodes));
    }

    /// <summary>Delivers the warning to the matching enterprises that do not have it yet; returns how many got it now.</summary>
    public static async Task<int> DeliverAsync(DisputesDbContext db, RiskWarning warning, IQueryable<EnterpriseProfile> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var matching = await candidates.Matching(warning.Target)
            .Where(p => !db.Notifications.Any(n => n.WarningId == warning.Id && n.EnterpriseId == p.EnterpriseId))
            .Select(p => new { p.EnterpriseId, p.WorkstationId })
            .ToListAsync(cancellationToken);
        db.Notifications.AddRange(matching.Select(m => new WarningNotification
        {
            WarningId = warning.Id, EnterpriseId = m.EnterpriseId, WorkstationId = m.WorkstationId, DeliveredAt = now,
        }));
        return matching.Count;
    }

    /// <summary><c>p =&gt; column(p).Contains(token1) || column(p).Contains(token2) …</c>; true for no tokens (an empty list matches any).</summary>
    private static Expression<Func<EnterpriseProfile, bool>> AnyOf(IEnumerable<string> tokens, Expression<Func<EnterpriseProfile, string>> column)
    {
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? body = null;
        foreach (var token in tokens)
        {
            Expression<Func<string>> value = () => token; // a parameter, not a literal, so plans are shared
            var test = Expression.Call(column.Body, contains, value.Body);
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return Expression.Lambda<Func<EnterpriseProfile, bool>>(body ?? Expression.Constant(true), column.Parameters);
    }
}
