using GraphQL.Types;
using IpShield.Disputes.Contracts;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Disputes.Features.Warnings;

internal sealed class NotificationInput
{
    public string? Id { get; set; }
}

internal sealed class NotificationInputType : InputObjectGraphType<NotificationInput>
{
    public NotificationInputType()
    {
        Name = "WarningNotificationInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The notification (Enterprise.notifications).");
    }
}

/// <summary>
/// An enterprise's members (or its workstation's staff, on its behalf) record that the warning was read, or acknowledged
/// (which reads it too). The first time counts: repeating keeps the first time.
/// </summary>
internal static class NotificationReceipts
{
    public static Task<Payload<WarningNotification>> ReadAsync(NotificationInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        StampAsync(input, access, db, time, acknowledge: false, cancellationToken);

    public static Task<Payload<WarningNotification>> AcknowledgeAsync(NotificationInput input, AccessContext access, DisputesDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        StampAsync(input, access, db, time, acknowledge: true, cancellationToken);

    private static async Task<Payload<WarningNotification>> StampAsync(
        NotificationInput input, AccessContext access, DisputesDbContext db, TimeProvider time, bool acknowledge, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var id = check.Id(input.Id, DisputesGlobalIds.Notification, true, "input", "id");
        if (check.Failed)
        {
            return Payload<WarningNotification>.Failure(check.Errors);
        }

        var notification = await db.Notifications.Visible(access).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return Payload<WarningNotification>.Failure(UserError.NotFound("The notification", "input", "id"));
        }

        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10)); // whole microseconds, as MariaDB keeps them: the time returned is the time stored
        notification.ReadAt ??= now;
        if (acknowledge)
        {
            notification.AcknowledgedAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Payload<WarningNotification>.Success(notification);
    }
}

internal sealed class NotificationMutations : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Mutation<NotificationInputType, WarningNotificationType>("markWarningRead", AccessPolicies.People, "notification", NotificationReceipts.ReadAsync)
            .Description("Records when the enterprise read a warning delivered to it (the first time stands).");
        mutation.Mutation<NotificationInputType, WarningNotificationType>("acknowledgeWarning", AccessPolicies.People, "notification", NotificationReceipts.AcknowledgeAsync)
            .Description("Records that the enterprise acknowledged a warning delivered to it (reading it too).");
    }
}
