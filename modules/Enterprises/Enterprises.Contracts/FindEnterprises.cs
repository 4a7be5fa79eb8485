using Wolverine;

namespace IpShield.Enterprises.Contracts;

/// <summary>Asks the Enterprises module which of the given unified social credit codes are registered.</summary>
public sealed record FindEnterprisesByCreditCode(IReadOnlyCollection<string> CreditCodes);

/// <summary>The registered ones among the codes asked for, by code (upper case, as stored).</summary>
public sealed record EnterprisesFoundByCreditCode(IReadOnlyDictionary<string, Guid> Enterprises);

/// <summary>What other modules may ask the Enterprises module about its records (batched: one call per batch of rows).</summary>
public interface IEnterpriseDirectory
{
    /// <summary>The enterprise id of each registered code; unknown codes are left out.</summary>
    Task<IReadOnlyDictionary<string, Guid>> IdsByCreditCodeAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken);
}

/// <summary>The directory as other modules reach it: a request/response message through Wolverine, never the module's tables.</summary>
public sealed class EnterpriseDirectory(IMessageBus bus) : IEnterpriseDirectory
{
    public async Task<IReadOnlyDictionary<string, Guid>> IdsByCreditCodeAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken) =>
        creditCodes.Count == 0
            ? new Dictionary<string, Guid>()
            : (await bus.InvokeAsync<EnterprisesFoundByCreditCode>(new FindEnterprisesByCreditCode([.. creditCodes.Distinct()]), cancellationToken)).Enterprises;
}
