using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>Database errors a user can cause are typed errors; anything else stays an internal error.</summary>
public sealed class PersistenceErrorTests
{
    [Fact]
    public async Task A_taken_unique_key_is_a_DUPLICATE_user_error()
    {
        var existing = new Item { Name = "first" };
        var (catalog, connection) = await TestCatalog.CreateAsync([existing]);
        await using var _ = connection;
        using var __ = catalog;
        catalog.Items.Add(new Item { Id = existing.Id, Name = "second" });

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => catalog.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.Duplicate, PersistenceErrors.ToUserError(failure)?.Code);
    }

    [Fact]
    public async Task A_stale_version_is_a_CONFLICT_user_error()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync([]);
        await using var _ = connection;
        using var __ = catalog;
        catalog.Items.Attach(new Item { Name = "never stored" }).State = EntityState.Modified;

        var failure = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => catalog.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.Conflict, PersistenceErrors.ToUserError(failure)?.Code);
    }

    [Fact]
    public async Task Any_other_database_error_is_not_reported_as_the_users_fault()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync([]);
        await using var _ = connection;
        using var __ = catalog;
        catalog.Items.Add(new Item { Name = null! }); // NOT NULL violated: a bug, not a conflict

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => catalog.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Null(PersistenceErrors.ToUserError(failure));
    }

    [Fact]
    public async Task A_write_refused_because_another_writer_holds_the_database_may_run_again()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ipshield-busy-{Guid.NewGuid():N}.db");
        try
        {
            await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await Execute(holder, "CREATE TABLE items (name TEXT NOT NULL); BEGIN IMMEDIATE; INSERT INTO items VALUES ('held');");
            await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
            await other.OpenAsync(TestContext.Current.CancellationToken);

            var busy = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Execute(other, "INSERT INTO items VALUES ('waiting');"));

            Assert.True(PersistenceErrors.IsTransientConflict(new DbUpdateException("wrapped as EF does", busy)));
            Assert.Null(PersistenceErrors.ToUserError(new DbUpdateException("wrapped as EF does", busy)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_broken_constraint_is_not_worth_running_again()
    {
        var (catalog, connection) = await TestCatalog.CreateAsync([]);
        await using var _ = connection;
        using var __ = catalog;
        catalog.Items.Add(new Item { Name = null! });

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => catalog.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.False(PersistenceErrors.IsTransientConflict(failure));
    }

    private static async Task Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
