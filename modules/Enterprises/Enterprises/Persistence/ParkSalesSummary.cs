using IpShield.Enterprises.Domain;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Enterprises.Persistence;

/// <summary>
/// Keeps <see cref="ParkSalesMonth"/> equal to a fresh count of the sales rows grouped by park, month and currency
/// (ADR 0031). A save changes the summary when it records, corrects or removes a sales row, or moves an enterprise
/// between parks. For the enterprises such a save concerns, the summary's share is read from the database before the
/// save and again after it, in the save's transaction, and the difference is added to the summary rows. The first read
/// locks the enterprises and their sales rows (on MariaDB; a SQLite transaction holds the database's write lock), so two
/// saves about one enterprise follow each other, and each sees what the other committed, whatever its tracked entities
/// say. Additions never read the summary row, and are made in key order: concurrent saves for one park neither lose an
/// update nor deadlock on the summary.
/// </summary>
internal static class ParkSalesSummary
{
    /// <summary>The enterprises whose share of the summary this save may change; none for most saves.</summary>
    public static IReadOnlyList<Guid> Concerned(EnterprisesDbContext db)
    {
        // One pass over the tracked entries: each Entries call detects changes again, and import batches track many.
        var concerned = new SortedSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case MonthlySales sales when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    concerned.Add(sales.EnterpriseId);
                    break;
                case Enterprise enterprise when entry.State == EntityState.Modified
                    && entry.OriginalValues.GetValue<Guid?>(nameof(Enterprise.ParkId)) != enterprise.ParkId:
                    concerned.Add(enterprise.Id); // it moves between parks, and takes its sales along
                    break;
            }
        }

        return [.. concerned];
    }

    /// <summary>The concerned enterprises' share of the summary as stored now, their rows locked until the transaction ends.</summary>
    public static async Task<Dictionary<Key, Tally>> ShareAsync(EnterprisesDbContext db, IReadOnlyList<Guid> enterprises, CancellationToken cancellationToken)
    {
        var mySql = !db.Database.IsSqlite();
        var ids = RawSqlLists.Placeholders(enterprises.Count);
        var arguments = enterprises.Cast<object>().ToArray();
        // The enterprises first: one without sales rows is locked too (a move and a first sale must not overlap).
        await RawSqlLists.LockAsync(db.Database, EnterprisesDbContext.EnterprisesTable, "Id", enterprises, cancellationToken);

        var readShare = "SELECT e.ParkId, s.Month, s.Currency, s.Units, s.Revenue"
            + " FROM " + EnterprisesDbContext.EnterprisesTable + " e JOIN ent_monthly_sales s ON s.EnterpriseId = e.Id"
            + " WHERE e.Id IN (" + ids + ") AND e.ParkId IS NOT NULL AND s.Currency IS NOT NULL"
            + (mySql ? " FOR UPDATE" : string.Empty);
        var rows = await db.Database.SqlQueryRaw<SalesRow>(readShare, arguments).ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => new Key(r.ParkId!.Value, r.Month, r.Currency!))
            .ToDictionary(g => g.Key, g => new Tally(g.Count(), g.Sum(r => r.Units), g.Sum(r => Cents(r.Revenue))));
    }

    /// <summary>Adds the difference between two shares to the summary rows, creating the rows it needs.</summary>
    public static async Task ApplyAsync(EnterprisesDbContext db, Dictionary<Key, Tally> before, Dictionary<Key, Tally> after, CancellationToken cancellationToken)
    {
        var keys = before.Keys.Union(after.Keys).OrderBy(k => k.Park).ThenBy(k => k.Month).ThenBy(k => k.Currency, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var (was, now) = (before.GetValueOrDefault(key), after.GetValueOrDefault(key));
            var change = new Tally(now.Enterprises - was.Enterprises, now.Units - was.Units, now.RevenueCents - was.RevenueCents);
            if (change != default)
            {
                await SummaryRows.AddAsync(db.Database, "ent_park_sales_months", ["ParkId", "Month", "Currency"], ["Enterprises", "Units", "RevenueCents"],
                    [key.Park, key.Month, key.Currency, change.Enterprises, change.Units, change.RevenueCents], cancellationToken);
            }
        }
    }

    /// <summary>Revenue has two decimals (the column's precision), so cents are exact.</summary>
    public static long Cents(decimal? revenue) => (long)decimal.Round((revenue ?? 0m) * 100m, MidpointRounding.AwayFromZero);

    /// <summary>One summary row.</summary>
    internal readonly record struct Key(Guid Park, DateOnly Month, string Currency);

    /// <summary>A summary row's figures: enterprises with sales (one sales row each), units, revenue in cents.</summary>
    internal readonly record struct Tally(int Enterprises, long Units, long RevenueCents);

    /// <summary>A stored sales row with its enterprise's park, as <see cref="ShareAsync"/> reads it.</summary>
    private sealed class SalesRow
    {
        public Guid? ParkId { get; init; }
        public DateOnly Month { get; init; }
        public string? Currency { get; init; }
        public long Units { get; init; }
        public decimal? Revenue { get; init; }
    }
}
