using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpShield.SharedKernel.Tests;

/// <summary>
/// A module's data versions (ADRs 0037, 0041) on SQLite: each way a module writes changes them once committed, the
/// kernel's bookkeeping and a rolled-back write do not; a write changes the parks it names and leaves the others alone,
/// and one whose parks nobody named changes every park's; statistics answers are computed again exactly when their
/// park's version changed. (The integration tests show the same over HTTP on MariaDB, across two hosts.)
/// </summary>
public sealed class DataVersionTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private TestShop _shop = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Cancellation);
        _shop = TestShop.On(_connection);
        using (DataVersions.Bookkeeping())
        {
            await _shop.Database.EnsureCreatedAsync(Cancellation);
            await _shop.Database.ExecuteSqlRawAsync($"CREATE TABLE {DataVersions.Table} (Module TEXT NOT NULL, Scope TEXT NOT NULL, Stamp INTEGER NOT NULL, PRIMARY KEY (Module, Scope))", Cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Each_save_changes_the_version_and_a_save_of_nothing_does_not()
    {
        Assert.Equal(0, await VersionAsync());

        _shop.Sales.Add(new TestSale { Units = 3 });
        await _shop.SaveChangesAsync(Cancellation);
        var first = await VersionAsync();
        _shop.Sales.Add(new TestSale { Units = 4 });
        _shop.Sales.Add(new TestSale { Units = 5 });
        await _shop.SaveChangesAsync(Cancellation);
        var second = await VersionAsync();
        await _shop.SaveChangesAsync(Cancellation);

        Assert.NotEqual(0, first);
        Assert.NotEqual(first, second);
        Assert.Equal(second, await VersionAsync());
    }

    [Fact]
    public async Task An_update_sent_outside_a_transaction_changes_the_version_and_one_that_matched_no_row_does_not()
    {
        _shop.Sales.Add(new TestSale { Units = 3 });
        await _shop.SaveChangesAsync(Cancellation);
        var before = await VersionAsync();

        await _shop.Sales.Where(s => s.Units > 100).ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, 0), Cancellation);
        Assert.Equal(before, await VersionAsync());
        await _shop.Sales.ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, s => s.Units + 1), Cancellation);
        Assert.NotEqual(before, await VersionAsync());
    }

    [Fact]
    public async Task A_transaction_changes_the_version_when_it_commits_even_for_statements_sent_around_EF_and_not_when_it_rolls_back()
    {
        var before = await VersionAsync();
        await using (var rolledBack = await _shop.Database.BeginTransactionAsync(Cancellation))
        {
            _shop.Sales.Add(new TestSale { Units = 3 });
            await _shop.SaveChangesAsync(Cancellation);
            await rolledBack.RollbackAsync(Cancellation);
        }

        Assert.Equal(before, await VersionAsync());
        _shop.ChangeTracker.Clear();

        await using (var committed = await _shop.Database.BeginTransactionAsync(Cancellation))
        {
            // As the import's bulk copy does: a statement on the module's connection that EF never sees.
            await using var command = _shop.Database.GetDbConnection().CreateCommand();
            command.Transaction = committed.GetDbTransaction();
            command.CommandText = "INSERT INTO shop_sales (Id, Units) VALUES ('0193a000-0000-7000-8000-000000000009', 7)";
            await command.ExecuteNonQueryAsync(Cancellation);
            Assert.Equal(before, await VersionAsync());
            await committed.CommitAsync(Cancellation);
        }

        Assert.NotEqual(before, await VersionAsync());
    }

    [Fact]
    public async Task A_save_changes_the_versions_of_the_parks_its_rows_name_and_a_move_both_parks()
    {
        var sale = new TestSale { Units = 3, ParkId = North };
        _shop.Sales.Add(sale);
        await _shop.SaveChangesAsync(Cancellation);
        var (north, south, city) = await ParksAsync();
        Assert.NotEqual(0, north.Stamp);
        Assert.Equal(0, south.Stamp);

        sale.Units = 5;
        await _shop.SaveChangesAsync(Cancellation);
        var afterUpdate = await ParksAsync();
        Assert.NotEqual(north, afterUpdate.North);
        Assert.Equal(south, afterUpdate.South);
        Assert.NotEqual(city, afterUpdate.City);

        sale.ParkId = South; // moved: both parks' figures change
        await _shop.SaveChangesAsync(Cancellation);
        var afterMove = await ParksAsync();
        Assert.NotEqual(afterUpdate.North, afterMove.North);
        Assert.NotEqual(afterUpdate.South, afterMove.South);

        _shop.Sales.Add(new TestSale { Units = 1 }); // of no park: only the whole city's figures change
        await _shop.SaveChangesAsync(Cancellation);
        var afterParkless = await ParksAsync();
        Assert.Equal((afterMove.North, afterMove.South), (afterParkless.North, afterParkless.South));
        Assert.NotEqual(afterMove.City, afterParkless.City);
    }

    [Fact]
    public async Task A_row_without_a_park_names_the_park_its_context_places_it_in_or_else_every_park()
    {
        var sale = new TestSale { Units = 3, ParkId = North };
        _shop.Sales.Add(sale);
        await _shop.SaveChangesAsync(Cancellation);
        var before = await ParksAsync();

        _shop.Returns.Add(new TestReturn { SaleId = sale.Id, Units = 1 }); // its sale is tracked: the north's
        await _shop.SaveChangesAsync(Cancellation);
        var afterReturn = await ParksAsync();
        Assert.NotEqual(before.North, afterReturn.North);
        Assert.Equal(before.South, afterReturn.South);

        _shop.ChangeTracker.Clear();
        _shop.Returns.Add(new TestReturn { SaleId = sale.Id, Units = 1 }); // its sale is not tracked: nobody named it
        await _shop.SaveChangesAsync(Cancellation);
        var afterUnplaced = await ParksAsync();
        Assert.NotEqual(afterReturn.North, afterUnplaced.North);
        Assert.NotEqual(afterReturn.South, afterUnplaced.South);

        using (DataVersions.WritesOf(North)) // the caller names it
        {
            _shop.Notes.Add(new TestNote { Text = "counted in the north" });
            await _shop.SaveChangesAsync(Cancellation);
        }

        var afterNamed = await ParksAsync();
        Assert.NotEqual(afterUnplaced.North, afterNamed.North);
        Assert.Equal(afterUnplaced.South, afterNamed.South);
    }

    [Fact]
    public async Task A_statement_changes_every_parks_version_unless_its_caller_names_the_parks()
    {
        _shop.Sales.AddRange(new TestSale { Units = 3, ParkId = North }, new TestSale { Units = 4, ParkId = South });
        await _shop.SaveChangesAsync(Cancellation);
        var before = await ParksAsync();

        using (DataVersions.WritesOf(North))
        {
            await _shop.Sales.Where(s => s.ParkId == North).ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, 9), Cancellation);
        }

        var afterNamed = await ParksAsync();
        Assert.NotEqual(before.North, afterNamed.North);
        Assert.Equal(before.South, afterNamed.South);

        await _shop.Sales.Where(s => s.ParkId == North).ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, 10), Cancellation);
        var afterUnnamed = await ParksAsync();
        Assert.NotEqual(afterNamed.North, afterUnnamed.North);
        Assert.NotEqual(afterNamed.South, afterUnnamed.South);
    }

    [Fact]
    public async Task A_write_sent_around_EF_changes_the_parks_it_reports_or_with_nothing_reported_every_park()
    {
        var before = await ParksAsync();
        await using (var transaction = await _shop.Database.BeginTransactionAsync(Cancellation))
        {
            await SendAroundEfAsync(transaction, North);
            DataVersions.Wrote(_shop, [North]);
            await transaction.CommitAsync(Cancellation);
        }

        var afterReported = await ParksAsync();
        Assert.NotEqual(before.North, afterReported.North);
        Assert.Equal(before.South, afterReported.South);

        await using (var transaction = await _shop.Database.BeginTransactionAsync(Cancellation))
        {
            await SendAroundEfAsync(transaction, North);
            await transaction.CommitAsync(Cancellation);
        }

        var afterSilent = await ParksAsync();
        Assert.NotEqual(afterReported.North, afterSilent.North);
        Assert.NotEqual(afterReported.South, afterSilent.South);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_park_named_for_the_next_commit()
    {
        await using (var rolledBack = await _shop.Database.BeginTransactionAsync(Cancellation))
        {
            _shop.Sales.Add(new TestSale { Units = 3, ParkId = South });
            await _shop.SaveChangesAsync(Cancellation);
            await rolledBack.RollbackAsync(Cancellation);
        }

        _shop.ChangeTracker.Clear();
        var before = await ParksAsync();
        _shop.Sales.Add(new TestSale { Units = 4, ParkId = North });
        await _shop.SaveChangesAsync(Cancellation);
        var after = await ParksAsync();
        Assert.NotEqual(before.North, after.North);
        Assert.Equal(before.South, after.South);
    }

    [Fact]
    public async Task The_kernels_bookkeeping_leaves_the_version_alone()
    {
        var before = await VersionAsync();
        using (DataVersions.Bookkeeping())
        {
            _shop.Sales.Add(new TestSale { Units = 3 });
            await _shop.SaveChangesAsync(Cancellation);
            await _shop.Sales.ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, 9), Cancellation);
        }

        Assert.Equal(before, await VersionAsync());
        await _shop.Sales.ExecuteUpdateAsync(set => set.SetProperty(s => s.Units, 10), Cancellation);
        Assert.NotEqual(before, await VersionAsync());
    }

    [Fact]
    public async Task A_statistics_answer_is_computed_again_only_when_its_parks_data_or_the_day_changed()
    {
        using var answers = new StatisticsAnswers();
        var computed = new List<Guid>();
        var today = new DateOnly(2026, 12, 7);
        Task<IReadOnlyDictionary<Guid, int>> LoadAsync(DateOnly day, params Guid[] parks) =>
            answers.LoadAsync(_shop, "shop:statistics", day, parks, park => park, (missing, _) =>
            {
                computed.AddRange(missing);
                var sales = _shop.Sales.AsNoTracking().ToList();
                return Task.FromResult<IReadOnlyDictionary<Guid, int>>(missing.ToDictionary(
                    park => park, park => sales.Where(s => park == StatisticsScope.WholeCity || s.ParkId == park).Sum(s => s.Units)));
            }, Cancellation);

        _shop.Sales.Add(new TestSale { Units = 3, ParkId = North });
        await _shop.SaveChangesAsync(Cancellation);
        Assert.Equal(3, (await LoadAsync(today, North))[North]);
        Assert.Equal(3, (await LoadAsync(today, North, South, City))[North]);
        Assert.Equal([North, South, City], computed);

        // A sale in the south: the north's answer is kept, the south's and the city's are computed again.
        _shop.Sales.Add(new TestSale { Units = 4, ParkId = South });
        await _shop.SaveChangesAsync(Cancellation);
        var answered = await LoadAsync(today, North, South, City);
        Assert.Equal((3, 4, 7), (answered[North], answered[South], answered[City]));
        Assert.Equal([North, South, City, South, City], computed);

        // A note, whose park the shop cannot name: every park's answer is computed again.
        _shop.Notes.Add(new TestNote { Text = "stock taken" });
        await _shop.SaveChangesAsync(Cancellation);
        await LoadAsync(today, North, South);
        Assert.Equal([North, South, City, South, City, North, South], computed);

        Assert.Equal(3, (await LoadAsync(today.AddDays(1), North))[North]);
        Assert.Equal([North, South, City, South, City, North, South, North], computed);
    }

    [Fact]
    public async Task After_a_write_the_answers_asked_lately_of_the_parks_it_wrote_are_computed_again_before_the_next_request()
    {
        using var answers = new StatisticsAnswers();
        await using var writer = TestShop.On(_connection, answers);
        var (AskAsync, computed) = UnitsAskedOf(answers);

        Assert.Equal((0, 0, 0), (await AskAsync(North), await AskAsync(South), await AskAsync(City)));
        Assert.Equal([North, South, City], computed);

        writer.Sales.Add(new TestSale { Units = 3, ParkId = North });
        await writer.SaveChangesAsync(Cancellation);
        Assert.True(answers.Refreshing);
        Assert.Equal(1, await answers.RefreshChangedAsync(null, Cancellation)); // the north's; the city's is never computed ahead
        Assert.False(answers.Refreshing);
        Assert.Equal([North, South, City, North], computed);
        Assert.Equal((3, 0), (await AskAsync(North), await AskAsync(South)));
        Assert.Equal([North, South, City, North], computed); // both given as kept, the north's with the sale

        // A write whose park nobody named: every park asked lately is computed again, together.
        writer.Notes.Add(new TestNote { Text = "stock taken" });
        await writer.SaveChangesAsync(Cancellation);
        Assert.Equal(2, await answers.RefreshChangedAsync(null, Cancellation));
        Assert.Equal([North, South, City, North, North, South], computed.Take(4).Concat(computed.Skip(4).Order()).ToList());
        Assert.Equal(0, await answers.RefreshChangedAsync(null, Cancellation)); // nothing written since
    }

    [Fact]
    public async Task Another_hosts_write_seen_in_the_stamps_has_the_answers_asked_lately_of_its_parks_computed_again()
    {
        using var answers = new StatisticsAnswers(); // this host's; _shop writes as another host of the same database
        var (AskAsync, computed) = UnitsAskedOf(answers);

        async Task ReadStampsAsync() => answers.NoteStamps(await DataVersions.ReadAllAsync(_shop, Cancellation));

        Assert.Equal((0, 0), (await AskAsync(North), await AskAsync(South)));
        await ReadStampsAsync(); // the first read remembers

        _shop.Sales.Add(new TestSale { Units = 3, ParkId = North });
        await _shop.SaveChangesAsync(Cancellation);
        Assert.False(answers.Refreshing); // nothing told this host
        await ReadStampsAsync();
        Assert.True(answers.Refreshing);
        Assert.Equal(1, await answers.RefreshChangedAsync(null, Cancellation));
        Assert.Equal([North, South, North], computed);
        Assert.Equal((3, 0), (await AskAsync(North), await AskAsync(South)));
        Assert.Equal([North, South, North], computed); // the north's computed ahead, with the sale

        await ReadStampsAsync(); // nothing written since
        Assert.False(answers.Refreshing);

        // A write whose park the other host could not name: every park asked lately.
        _shop.Notes.Add(new TestNote { Text = "stock taken" });
        await _shop.SaveChangesAsync(Cancellation);
        await ReadStampsAsync();
        Assert.Equal(2, await answers.RefreshChangedAsync(null, Cancellation));
        Assert.Equal([North, South], computed.Skip(3).Order().ToList());
        Assert.Equal(4, answers.StampReads);
    }

    /// <summary>
    /// A park's units sold (the city's: every park's) as a dashboard asks for them: each ask is recorded for refreshes
    /// (ADR 0042), and <c>Computed</c> lists the scopes computed, in order.
    /// </summary>
    private (Func<Guid, Task<int>> AskAsync, List<Guid> Computed) UnitsAskedOf(StatisticsAnswers answers)
    {
        var computed = new List<Guid>();
        var today = new DateOnly(2026, 12, 7);
        Task<IReadOnlyDictionary<Guid, int>> LoadAsync(IReadOnlyCollection<Guid> parks, CancellationToken cancellationToken) =>
            answers.LoadAsync(_shop, "shop:statistics", today, parks, p => p, (missing, _) =>
            {
                computed.AddRange(missing);
                var sales = _shop.Sales.AsNoTracking().ToList();
                return Task.FromResult<IReadOnlyDictionary<Guid, int>>(missing.ToDictionary(
                    p => p, p => sales.Where(s => p == City || s.ParkId == p).Sum(s => s.Units)));
            }, cancellationToken);
        async Task<int> AskAsync(Guid park)
        {
            answers.Asked("shop:statistics", today, park, "shop", park, LoadAsync);
            return (await LoadAsync([park], Cancellation))[park];
        }

        return (AskAsync, computed);
    }

    [Fact]
    public async Task A_request_asking_for_an_answer_another_is_computing_at_the_same_version_waits_for_it()
    {
        using var answers = new StatisticsAnswers();
        var today = new DateOnly(2026, 12, 7);
        var computations = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyDictionary<Guid, int>> ComputeAsync(IReadOnlyCollection<Guid> missing, CancellationToken ct)
        {
            Interlocked.Increment(ref computations);
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return missing.ToDictionary(park => park, _ => 42);
        }

        var first = answers.LoadAsync(_shop, "shop:statistics", today, [North], park => park, ComputeAsync, Cancellation);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var second = answers.LoadAsync(_shop, "shop:statistics", today, [North], park => park, ComputeAsync, Cancellation);
        release.SetResult();

        Assert.Equal(42, (await first)[North]);
        Assert.Equal(42, (await second)[North]);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task A_request_whose_awaited_computation_failed_computes_the_answer_itself()
    {
        using var answers = new StatisticsAnswers();
        var today = new DateOnly(2026, 12, 7);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyDictionary<Guid, int>> FailingAsync(IReadOnlyCollection<Guid> missing, CancellationToken ct)
        {
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            throw new InvalidOperationException("the first request's computation failed");
        }

        var first = answers.LoadAsync(_shop, "shop:statistics", today, [North], park => park, FailingAsync, Cancellation);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var second = answers.LoadAsync(
            _shop, "shop:statistics", today, [North], park => park, (missing, _) => Task.FromResult<IReadOnlyDictionary<Guid, int>>(missing.ToDictionary(park => park, _ => 7)), Cancellation);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(7, (await second)[North]);
    }

    private static readonly Guid North = Guid.Parse("0193a000-0000-7000-8000-00000000000a");
    private static readonly Guid South = Guid.Parse("0193a000-0000-7000-8000-00000000000b");
    private static readonly Guid City = StatisticsScope.WholeCity;

    private async Task<long> VersionAsync() => await DataVersions.ReadAsync(_shop, Cancellation);

    private async Task<(DataVersion North, DataVersion South, DataVersion City)> ParksAsync()
    {
        var versions = await DataVersions.ReadAsync(_shop, [North, South, City], Cancellation);
        return (versions(North), versions(South), versions(City));
    }

    /// <summary>As the import's bulk copy does: a statement on the module's connection that EF never sees.</summary>
    private async Task SendAroundEfAsync(IDbContextTransaction transaction, Guid park)
    {
        await using var command = _shop.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO shop_sales (Id, Units, ParkId) VALUES ('{Guid.CreateVersion7().ToString().ToUpperInvariant()}', 7, '{park.ToString().ToUpperInvariant()}')";
        await command.ExecuteNonQueryAsync(Cancellation);
    }
}
