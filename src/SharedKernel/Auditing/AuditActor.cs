using IpShield.SharedKernel.Access;

namespace IpShield.SharedKernel.Auditing;

/// <summary>
/// The caller on whose behalf changes are being saved, for the flow of one GraphQL request. Changes saved outside any
/// request (token issuance, sign-in bookkeeping, demo data, migrations) have no actor and are not audited.
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<AccessContext?> CurrentActor = new();

    public static AccessContext? Current => CurrentActor.Value;

    public static IDisposable Begin(AccessContext access)
    {
        var previous = CurrentActor.Value;
        CurrentActor.Value = access;
        return new Restore(previous);
    }

    private sealed class Restore(AccessContext? previous) : IDisposable
    {
        public void Dispose() => CurrentActor.Value = previous;
    }
}
