namespace IpShield.SharedKernel.Access;

/// <summary>
/// What a machine client may read now, for work done on its behalf outside a request (webhook deliveries, ADR 0024):
/// the access its tokens would carry with every scope it is permitted. Null once the client is revoked. Identity answers.
/// </summary>
public interface IMachineClientDirectory
{
    Task<AccessContext?> FindAsync(string clientId, CancellationToken cancellationToken);
}
