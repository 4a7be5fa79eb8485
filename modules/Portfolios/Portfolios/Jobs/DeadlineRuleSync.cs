using IpShield.Portfolios.Deadlines;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Portfolios.Jobs;

/// <summary>The fingerprint of a rule the stored deadlines were last computed with.</summary>
internal sealed class AppliedRule
{
    public string RuleKey { get; init; } = "";
    public string Fingerprint { get; set; } = "";
}

/// <summary>What a rule sync did: the rules that changed, and how many rights it computed again.</summary>
internal sealed record RuleSyncResult(int RulesChanged, int RightsRecomputed);

/// <summary>
/// Brings stored deadlines in line with the rule catalogue after it changed (a new version of the platform, a corrected
/// term): only the rights a changed, new or removed rule can touch are computed again, in batches; done and waived
/// deadlines stay as they are. The fingerprints are stored last, so a sync cut short is simply done again.
/// </summary>
internal static class DeadlineRuleSync
{
    public const int BatchSize = 500;

    public static async Task<RuleSyncResult> SyncAsync(
        IServiceScopeFactory scopes, DeadlineRuleCatalogue catalogue, DateOnly today, CancellationToken cancellationToken)
    {
        var engine = new DeadlineEngine(catalogue);
        Dictionary<string, string> stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = Db(scope);
            stored = await db.AppliedRules.AsNoTracking().ToDictionaryAsync(r => r.RuleKey, r => r.Fingerprint, cancellationToken);
            if (stored.Count == 0)
            {
                // First start: the deadlines stored so far were computed by these very rules.
                db.AppliedRules.AddRange(catalogue.Rules.Select(r => new AppliedRule { RuleKey = r.Id, Fingerprint = RuleFingerprint.Of(r) }));
                await db.SaveChangesAsync(cancellationToken);
                return new RuleSyncResult(0, 0);
            }
        }

        var changes = RuleChanges.Between(catalogue, stored);
        if (changes.None)
        {
            return new RuleSyncResult(0, 0);
        }

        var changedKeys = changes.ChangedOrNew.Select(r => r.Id).Concat(changes.Removed).ToList();
        var kinds = changes.ChangedOrNew.SelectMany(r => r.Kinds).Distinct().ToList();
        // Rights of other jurisdictions are not read when every changed rule is a jurisdiction's own (MayTouch decides per right).
        var anyGeneric = changes.ChangedOrNew.Any(r => r.Jurisdiction is null);
        var jurisdictions = changes.ChangedOrNew.Select(r => r.Jurisdiction?.Code).OfType<string>().Distinct().ToList();
        var recomputed = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = Db(scope);
            // Keyset pages over every right a changed rule may apply to or that holds a deadline of one.
            var page = await db.IpRights
                .Where(r => r.Id.CompareTo(after) > 0 && r.Status != RightStatus.Planned
                    && ((kinds.Contains(r.Kind) && (anyGeneric || jurisdictions.Contains(r.Jurisdiction)))
                        || db.Deadlines.Any(d => d.RightId == r.Id && changedKeys.Contains(d.RuleKey))))
                .OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            var ids = page.Select(r => r.Id).ToList();
            var deadlines = (await db.Deadlines.Where(d => ids.Contains(d.RightId)).ToListAsync(cancellationToken)).ToLookup(d => d.RightId);
            var touched = page.Where(r => changes.MayTouch(r.Kind, r.Jurisdiction) || deadlines[r.Id].Any(d => changedKeys.Contains(d.RuleKey))).ToList();
            var touchedIds = touched.Select(r => r.Id).ToList();
            var history = (await db.IpRightEvents.AsNoTracking().Where(e => touchedIds.Contains(e.RightId) && e.Designation == null).ToListAsync(cancellationToken))
                .ToLookup(e => e.RightId);
            foreach (var right in touched)
            {
                RightLifecycle.RecomputeDeadlines(db, engine, right, [.. history[right.Id]], [.. deadlines[right.Id]], today);
            }

            await db.SaveChangesAsync(cancellationToken);
            recomputed += touched.Count;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = Db(scope);
            await db.AppliedRules.Where(r => changedKeys.Contains(r.RuleKey)).ExecuteDeleteAsync(cancellationToken);
            db.AppliedRules.AddRange(changes.ChangedOrNew.Select(r => new AppliedRule { RuleKey = r.Id, Fingerprint = RuleFingerprint.Of(r) }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new RuleSyncResult(changes.ChangedOrNew.Count + changes.Removed.Count, recomputed);
    }

    private static PortfoliosDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<PortfoliosDbContext>();
}
