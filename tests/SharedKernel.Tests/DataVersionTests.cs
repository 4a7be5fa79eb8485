using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpShield.SharedKernel.Tests;

/// <summary>
/// A module's data version (ADR 0037) on SQLite: each way a module writes changes it once committed, the kernel's
/// bookkeeping and a rolled-back write do not; and statistics answers are computed again exactly when it changed.
/// (The integration tests show the same over HTTP on MariaDB, across two hosts.)
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
            await _shop.Database.ExecuteSqlRawAsync($"CREATE TABLE {DataVersions.Table} (Module TEXT NOT NULL PRIMARY KEY, Stamp INTEGER NOT NULL)", Cancellation);
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
    public async Task A_statistics_answer_is_computed_again_only_when_the_modules_data_or_the_day_changed()
    {
        using var answers = new StatisticsAnswers();
        var computed = new List<string>();
        var today = new DateOnly(2026, 12, 7);
        Task<IReadOnlyDictionary<string, int>> LoadAsync(DateOnly day, params string[] parks) =>
            answers.LoadAsync(_shop, "shop:statistics", day, parks, (missing, _) =>
            {
                computed.AddRange(missing);
                var units = _shop.Sales.AsNoTracking().Sum(s => s.Units);
                return Task.FromResult<IReadOnlyDictionary<string, int>>(missing.ToDictionary(park => park, _ => units));
            }, Cancellation);

        _shop.Sales.Add(new TestSale { Units = 3 });
        await _shop.SaveChangesAsync(Cancellation);
        Assert.Equal(3, (await LoadAsync(today, "north"))["north"]);
        Assert.Equal(3, (await LoadAsync(today, "north", "south"))["north"]);
        Assert.Equal(["north", "south"], computed);

        _shop.Sales.Add(new TestSale { Units = 4 });
        await _shop.SaveChangesAsync(Cancellation);
        Assert.Equal(7, (await LoadAsync(today, "north"))["north"]);
        Assert.Equal(7, (await LoadAsync(today.AddDays(1), "north"))["north"]);
        Assert.Equal(["north", "south", "north", "north"], computed);
    }

    [Fact]
    public async Task A_request_asking_for_an_answer_another_is_computing_at_the_same_version_waits_for_it()
    {
        using var answers = new StatisticsAnswers();
        var today = new DateOnly(2026, 12, 7);
        var computations = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyDictionary<string, int>> ComputeAsync(IReadOnlyCollection<string> missing, CancellationToken ct)
        {
            Interlocked.Increment(ref computations);
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return missing.ToDictionary(park => park, _ => 42);
        }

        var first = answers.LoadAsync(_shop, "shop:statistics", today, ["north"], ComputeAsync, Cancellation);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var second = answers.LoadAsync(_shop, "shop:statistics", today, ["north"], ComputeAsync, Cancellation);
        release.SetResult();

        Assert.Equal(42, (await first)["north"]);
        Assert.Equal(42, (await second)["north"]);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task A_request_whose_awaited_computation_failed_computes_the_answer_itself()
    {
        using var answers = new StatisticsAnswers();
        var today = new DateOnly(2026, 12, 7);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyDictionary<string, int>> FailingAsync(IReadOnlyCollection<string> missing, CancellationToken ct)
        {
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            throw new InvalidOperationException("the first request's computation failed");
        }

        var first = answers.LoadAsync(_shop, "shop:statistics", today, ["north"], FailingAsync, Cancellation);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var second = answers.LoadAsync(
            _shop, "shop:statistics", today, ["north"], (missing, _) => Task.FromResult<IReadOnlyDictionary<string, int>>(missing.ToDictionary(park => park, _ => 7)), Cancellation);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(7, (await second)["north"]);
    }

    private async Task<long> VersionAsync() => await DataVersions.ReadAsync(_shop, Cancellation);
}
