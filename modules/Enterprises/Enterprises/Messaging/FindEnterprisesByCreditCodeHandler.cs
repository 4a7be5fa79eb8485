using IpShield.Enterprises.Contracts;
using IpShield.Enterprises.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises.Messaging;

/// <summary>Answers <see cref="FindEnterprisesByCreditCode"/> for other modules (the rights import) in one query per chunk. Public only because Wolverine needs it.</summary>
public static class FindEnterprisesByCreditCodeHandler
{
    /// <summary>Codes per statement: under MariaDB's <c>in_predicate_conversion_threshold</c> (ADR 0010).</summary>
    private const int Chunk = 500;

    public static async Task<EnterprisesFoundByCreditCode> Handle(FindEnterprisesByCreditCode query, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnterprisesDbContext>();
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in query.CreditCodes.Select(c => c.Trim().ToUpperInvariant()).Distinct().Chunk(Chunk))
        {
            var codes = chunk.ToList();
            foreach (var (code, id) in await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).Select(e => new ValueTuple<string, Guid>(e.CreditCode, e.Id)).ToListAsync(cancellationToken))
            {
                found[code] = id;
            }
        }

        return new EnterprisesFoundByCreditCode(found);
    }
}
