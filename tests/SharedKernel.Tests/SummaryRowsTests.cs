using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>
/// The summaries' multi-row upserts (ADRs 0032, 0036) on SQLite: more rows than one statement takes, some keys new, some
/// already there. (MariaDB runs the same statements in the integration tests of the park summaries.)
/// </summary>
public sealed class SummaryRowsTests
{
    [Fact]
    public async Task Many_rows_added_over_several_statements_each_create_their_row_or_add_to_it()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync([]);
        await using var _ = connection;
        await using var __ = catalog;
        var cancellation = TestContext.Current.CancellationToken;
        await catalog.Database.ExecuteSqlRawAsync("CREATE TABLE tally (Park TEXT NOT NULL, Day TEXT NOT NULL, Deadlines INTEGER NOT NULL, PRIMARY KEY (Park, Day))", cancellation);
        var parks = new[] { new Guid("0193a000-0000-7000-8000-000000000001"), new Guid("0193a000-0000-7000-8000-000000000002") };
        var first = new DateOnly(2026, 1, 1);
        // 2 parks × 300 days = 600 rows: three statements of at most 250.
        var rows = parks.SelectMany(park => Enumerable.Range(0, 300).Select(day => new object[] { park, first.AddDays(day), 1 + (day % 3) })).ToList();
        Assert.True(rows.Count > 2 * SummaryRows.RowsPerStatement);

        await SummaryRows.AddManyAsync(catalog.Database, "tally", ["Park", "Day"], ["Deadlines"], rows, cancellation);
        // Again for the first park's first 260 days (one removed from each), and 40 days no row had yet.
        var more = Enumerable.Range(0, 260).Select(day => new object[] { parks[0], first.AddDays(day), -1 })
            .Concat(Enumerable.Range(300, 40).Select(day => new object[] { parks[0], first.AddDays(day), 5 }))
            .ToList();
        await SummaryRows.AddManyAsync(catalog.Database, "tally", ["Park", "Day"], ["Deadlines"], more, cancellation);

        var stored = await catalog.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM tally").SingleAsync(cancellation);
        var firstPark = await catalog.Database.SqlQueryRaw<int>("SELECT SUM(Deadlines) AS Value FROM tally WHERE Park = {0}", parks[0]).SingleAsync(cancellation);
        var secondPark = await catalog.Database.SqlQueryRaw<int>("SELECT SUM(Deadlines) AS Value FROM tally WHERE Park = {0}", parks[1]).SingleAsync(cancellation);
        var expectedPerPark = Enumerable.Range(0, 300).Sum(day => 1 + (day % 3));
        Assert.Equal(640, stored);
        Assert.Equal(expectedPerPark - 260 + (40 * 5), firstPark);
        Assert.Equal(expectedPerPark, secondPark);
    }
}
