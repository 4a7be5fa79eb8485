using System.Data.Common;
using System.Linq.Expressions;
using IpShield.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// Delivers the warning to every matching enterprise that does not have it yet with one <c>INSERT ... SELECT</c> on the
    /// caller's transaction, and returns how many got it (ADR 0030). Issuing a warning that reaches 100k enterprises
    /// through the change tracker took 35 times as long as the same rows copied on the server: every profile came to the
    /// host and went back as one tracked entity each. The SELECT is the one EF writes for <see cref="Matching"/>, so both
    /// paths target alike. The rows are not seen by the change tracker or the audit interceptor: the warning's own audit
    /// entry and the <see cref="Contracts.RiskWarningIssued"/> event with its reach record the delivery.
    /// </summary>
    public static async Task<int> DeliverInBulkAsync(DisputesDbContext db, RiskWarning warning, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk delivery runs inside the transaction that saves the warning and its RiskWarningIssued event.");
        var matching = db.Profiles.AsNoTracking().Matching(warning.Target)
            .Where(p => !db.Notifications.Any(n => n.WarningId == warning.Id && n.EnterpriseId == p.EnterpriseId))
            .Select(p => new { p.EnterpriseId, p.WorkstationId });
        await using var command = matching.CreateDbCommand();
        command.Transaction = transaction.GetDbTransaction();

        // Ids stay UUIDv7 and time-ordered (notifications list in id order): one fresh v7 id gives the batch its timestamp
        // and random bits, and its last 48 bits become a counter, which RFC 9562 allows in rand_b (5.7, 6.2). Text as
        // each provider stores a Guid: lower-case char(36) on MariaDB, upper-case on SQLite.
        var sqlite = db.Database.IsSqlite();
        var batch = Guid.CreateVersion7().ToString();
        var prefix = sqlite ? batch[..24].ToUpperInvariant() : batch[..24];
        var counter = sqlite ? "printf('%012X', r.n)" : "LPAD(LOWER(HEX(r.n)), 12, '0')";
        var concat = sqlite ? $"@bulk_id_prefix || {counter}" : $"CONCAT(@bulk_id_prefix, {counter})";
        command.CommandText = $"""
            INSERT INTO dsp_notifications (Id, WarningId, EnterpriseId, WorkstationId, DeliveredAt)
            SELECT {concat}, @bulk_warning_id, r.EnterpriseId, r.WorkstationId, @bulk_delivered_at
            FROM (SELECT m.EnterpriseId, m.WorkstationId, ROW_NUMBER() OVER () AS n FROM ({command.CommandText}) AS m) AS r
            """;
        var notification = db.Model.FindEntityType(typeof(WarningNotification))!;
        AddParameter(command, notification, nameof(WarningNotification.WarningId), "@bulk_warning_id", warning.Id);
        AddParameter(command, notification, nameof(WarningNotification.DeliveredAt), "@bulk_delivered_at", now);
        var idPrefix = command.CreateParameter();
        idPrefix.ParameterName = "@bulk_id_prefix";
        idPrefix.Value = prefix;
        command.Parameters.Add(idPrefix);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A parameter as EF would send the property's value (its provider's type and any conversion).</summary>
    private static void AddParameter(DbCommand command, IEntityType entity, string property, string name, object value) =>
        command.Parameters.Add(entity.FindProperty(property)!.GetRelationalTypeMapping().CreateParameter(command, name, value, nullable: false));

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
