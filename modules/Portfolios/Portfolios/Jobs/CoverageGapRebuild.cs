using IpShield.Portfolios.Coverage;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.Portfolios.Jobs;

/// <summary>
/// Whether the stored coverage gaps were built with this host's gap rules (ADR 0033) and the parks' counts counted from
/// them (ADR 0040). Until they are, the park statistics compute the gaps from the marks themselves. Once seen current,
/// it stays so for the life of the host.
/// </summary>
internal sealed class CoverageGapSummaryState
{
    private volatile bool _current;

    public async ValueTask<bool> IsCurrentAsync(PortfoliosDbContext db, CancellationToken cancellationToken)
    {
        if (!_current && await db.SummaryStates.AsNoTracking()
                .CountAsync(s => (s.Name == CoverageGapSummary.Name && s.Fingerprint == CoverageGaps.RulesFingerprint) || s.Name == CoverageGapSummary.CountsName, cancellationToken) == 2)
        {
            _current = true;
        }

        return _current;
    }

    public void MarkCurrent() => _current = true;
}

/// <summary>
/// At start, builds the stored coverage gaps again when they were built with other gap rules or never (a new database,
/// or a release that changed the rules): every enterprise with markets, in batches of its own transaction, each locking
/// its enterprises' placements first as a save does, so writes may go on meanwhile. The parks' counts are counted afresh
/// and the fingerprint stored last, in one transaction, so a build cut short is done again at the next start. Stored gaps
/// of the current rules without their parks' counts (a SQLite file older than them) are only counted. Several hosts
/// starting at once each build; the result is the same.
/// </summary>
internal sealed partial class CoverageGapRebuild(IServiceScopeFactory scopes, CoverageGapSummaryState state, ILogger<CoverageGapRebuild> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var rebuilt = await RebuildIfStaleAsync(stoppingToken);
            if (rebuilt is { } enterprises)
            {
                LogRebuilt(logger, enterprises);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRebuildFailed(logger, ex); // the statistics keep computing gaps from the marks; the next start tries again
        }
    }

    /// <summary>The enterprises whose gaps were computed, or null when the stored gaps were current.</summary>
    public async Task<int?> RebuildIfStaleAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            if (await state.IsCurrentAsync(db, cancellationToken))
            {
                return null;
            }

            if (await db.SummaryStates.AnyAsync(s => s.Name == CoverageGapSummary.Name && s.Fingerprint == CoverageGaps.RulesFingerprint, cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await CoverageGapSummary.RecountAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                state.MarkCurrent();
                return null;
            }
        }

        var enterprises = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            var page = await db.EnterpriseMarkets.AsNoTracking()
                .Where(m => m.EnterpriseId.CompareTo(after) > 0)
                .OrderBy(m => m.EnterpriseId).Select(m => m.EnterpriseId).Take(CoverageGapSummary.Chunk)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1];
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RawSqlLists.LockAsync(db.Database, "pf_enterprise_placements", "EnterpriseId", page, cancellationToken);
            await CoverageGapSummary.RefreshAsync(db, page, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            enterprises += page.Count;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
            // Gaps need markets: rows of an enterprise without any are left from an older build. The parks' counts are
            // then counted afresh, so the deletion needs no difference of its own.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.EnterpriseCoverageGaps.Where(g => !db.EnterpriseMarkets.Any(m => m.EnterpriseId == g.EnterpriseId)).ExecuteDeleteAsync(cancellationToken);
            await CoverageGapSummary.RecountAsync(db, cancellationToken);
            var stored = await db.SummaryStates.SingleOrDefaultAsync(s => s.Name == CoverageGapSummary.Name, cancellationToken);
            if (stored is null)
            {
                db.SummaryStates.Add(new SummaryState { Name = CoverageGapSummary.Name, Fingerprint = CoverageGaps.RulesFingerprint });
            }
            else
            {
                stored.Fingerprint = CoverageGaps.RulesFingerprint;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        state.MarkCurrent();
        return enterprises;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Coverage gaps stored again for {Enterprises} enterprises (the gap rules changed or were never applied)")]
    private static partial void LogRebuilt(ILogger logger, int enterprises);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing the coverage gaps again failed; the statistics compute them from the marks until a start succeeds")]
    private static partial void LogRebuildFailed(ILogger logger, Exception exception);
}
