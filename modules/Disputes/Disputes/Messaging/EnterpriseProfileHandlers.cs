using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Statistics;
using IpShield.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Disputes.Messaging;

/// <summary>
/// Keeps where each enterprise is settled and what it sells where (ADR 0017): the copy of the workstation on its cases and
/// notifications that the row rules read, and the profile that warnings target. Each change delivers the warnings still valid
/// that the enterprise now matches. Public only because Wolverine needs it.
/// </summary>
public static class EnterpriseSettledHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSettled message, Envelope envelope, IServiceScopeFactory scopes, TimeProvider time, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<DisputesDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseSettledHandler)),
            (db, ct) => SettleAsync(db, message, time, ct),
            cancellationToken);

    private static async Task SettleAsync(DisputesDbContext db, EnterpriseSettled message, TimeProvider time, CancellationToken cancellationToken)
    {
        var profile = await ProfileUpdates.FindOrAddAsync(db, message.EnterpriseId, cancellationToken);
        if (profile.SettledOn is { } settledOn && settledOn > message.SettledOn)
        {
            return; // an older settlement delivered late: the newer one stands
        }

        // The enterprise's cases and warnings move from the park its profile named to the new one: only those parks'
        // figures change (ADR 0041).
        using var parkWrites = DataVersions.WritesOf(profile.ParkId, message.PreviousParkId, message.ParkId);
        profile.WorkstationId = message.WorkstationId;
        profile.ParkId = message.ParkId;
        profile.SettledOn = message.SettledOn;

        // The profile first, then the copies: the same order as opening a case, which locks the profile (ADR 0013).
        await db.SaveChangesAsync(cancellationToken);
        await db.Cases.Where(c => c.EnterpriseId == message.EnterpriseId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.WorkstationId, message.WorkstationId).SetProperty(c => c.ParkId, message.ParkId), cancellationToken);
        await db.Notifications.Where(n => n.EnterpriseId == message.EnterpriseId)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.WorkstationId, message.WorkstationId), cancellationToken);
        await ProfileUpdates.DeliverValidWarningsAsync(db, message.EnterpriseId, time, cancellationToken);
    }
}

/// <summary>Keeps what an enterprise sells where, for warning targeting. Public only because Wolverine needs it.</summary>
public static class EnterpriseSalesProfileChangedHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSalesProfileChanged message, Envelope envelope, IServiceScopeFactory scopes, TimeProvider time, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<DisputesDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseSalesProfileChangedHandler)),
            (db, ct) => ChangeAsync(db, message, time, ct),
            cancellationToken);

    private static async Task ChangeAsync(DisputesDbContext db, EnterpriseSalesProfileChanged message, TimeProvider time, CancellationToken cancellationToken)
    {
        var profile = await ProfileUpdates.FindOrAddAsync(db, message.EnterpriseId, cancellationToken);
        if (profile.ProfileAt is { } at && at > message.OccurredAt)
        {
            return; // an older profile delivered late
        }

        profile.MarketCodes = Targeting.Join(message.TargetMarkets, ',');
        profile.PlatformCodes = Targeting.Join(message.SalesPlatforms, ',');
        profile.CategoryCodes = Targeting.Categories(message.ProductCategories);
        profile.ProfileAt = message.OccurredAt;
        await db.SaveChangesAsync(cancellationToken);
        await ProfileUpdates.DeliverValidWarningsAsync(db, message.EnterpriseId, time, cancellationToken);
    }
}

internal static class ProfileUpdates
{
    public static async Task<EnterpriseProfile> FindOrAddAsync(DisputesDbContext db, Guid enterpriseId, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId, cancellationToken);
        if (profile is null)
        {
            profile = new EnterpriseProfile { EnterpriseId = enterpriseId };
            db.Profiles.Add(profile);
        }

        return profile;
    }

    /// <summary>Warnings valid today that the enterprise now matches and has not had yet: it starts to match after they were issued.</summary>
    public static async Task DeliverValidWarningsAsync(DisputesDbContext db, Guid enterpriseId, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ParkCalendar.Today(time);
        var valid = await db.Warnings.Where(w => w.ValidUntil >= today && !db.Notifications.Any(n => n.WarningId == w.Id && n.EnterpriseId == enterpriseId))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var warning in valid)
        {
            await Targeting.DeliverAsync(db, warning, db.Profiles.Where(p => p.EnterpriseId == enterpriseId), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
