using IpShield.SharedKernel.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>A tiny catalogue on in-memory SQLite, configured the way modules configure theirs.</summary>
internal sealed class TestCatalog : DbContext
{
    private TestCatalog(DbContextOptions<TestCatalog> options)
        : base(options)
    {
    }

    public DbSet<Item> Items => Set<Item>();

    public static async Task<(TestCatalog Catalog, SqliteConnection Connection)> CreateAsync(IEnumerable<Item> items)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        var options = new DbContextOptionsBuilder<TestCatalog>();
        ModuleDatabaseRegistration.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" }, "test_migrations", typeof(TestCatalog).Assembly.GetName().Name!);
        options.UseSqlite(connection);
        var catalog = new TestCatalog(options.Options);
        await catalog.Database.OpenConnectionAsync();
        await catalog.Database.EnsureCreatedAsync();
        catalog.Items.AddRange(items);
        await catalog.SaveChangesAsync();
        catalog.ChangeTracker.Clear();
        return (catalog, connection);
    }
}

internal sealed class Item : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public DateOnly On { get; init; }
    public Colour Colour { get; init; }
}

internal enum Colour
{
    Red,
    Green,
}
