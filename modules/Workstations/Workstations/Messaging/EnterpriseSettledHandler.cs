using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Messaging;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace IpShield.Workstations.Messaging;

/// <summary>
/// Keeps each workstation's roster of served enterprises from the Enterprises module's settlements.
/// Public only because Wolverine needs it.
/// </summary>
public static class EnterpriseSettledHandler
{
    public static Task<DeliveryOutcome> Handle(EnterpriseSettled message, Envelope envelope, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        Inbox.HandleOnceAsync<WorkstationsDbContext>(
            scopes,
            message,
            Inbox.SubscriberOf(envelope, typeof(EnterpriseSettledHandler)),
            (db, ct) => UpdateRosterAsync(db, message, ct),
            cancellationToken);

    private static async Task UpdateRosterAsync(WorkstationsDbContext db, EnterpriseSettled message, CancellationToken cancellationToken)
    {
        // A settlement in a workstation this module does not know cannot be attributed: fail, retry, and
        // end as a dead letter an admin can replay once the workstation exists.
        if (!await db.Workstations.AnyAsync(w => w.Id == message.WorkstationId, cancellationToken))
        {
            throw new InvalidOperationException($"Workstation {message.WorkstationId} is not known to the Workstations module.");
        }

        var served = await db.ServedEnterprises.SingleOrDefaultAsync(s => s.WorkstationId == message.WorkstationId && s.EnterpriseId == message.EnterpriseId, cancellationToken);
        if (served is null)
        {
            db.ServedEnterprises.Add(new ServedEnterprise { WorkstationId = message.WorkstationId, EnterpriseId = message.EnterpriseId, SettledOn = message.SettledOn });
        }
        else
        {
            served.SettledOn = message.SettledOn;
            served.LeftOn = null;
        }

        if (message.PreviousWorkstationId is { } previous && previous != message.WorkstationId)
        {
            await db.ServedEnterprises
                .Where(s => s.WorkstationId == previous && s.EnterpriseId == message.EnterpriseId && s.LeftOn == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeftOn, message.SettledOn), cancellationToken);
        }
    }
}
