using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>A module of one table on SQLite, for the kernel's statistics tests (data versions, answers, side-by-side reads).</summary>
[TablePrefix("shop")]
internal sealed class TestShop(DbContextOptions<TestShop> options) : ModuleDbContext(options)
{
    public DbSet<TestSale> Sales => Set<TestSale>();

    /// <summary>A context on an open connection (an in-memory database lives as long as it), changing its data version.</summary>
    public static TestShop On(SqliteConnection connection)
    {
        var options = Options("Data Source=:memory:");
        options.UseSqlite(connection);
        options.AddInterceptors(new DataVersionInterceptor());
        return new TestShop(options.Options);
    }

    /// <summary>A context of its own on a database file, as each scope of a host gets one.</summary>
    public static TestShop On(string connectionString) => new(Options(connectionString).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TestSale>().ToTable("shop_sales");
    }

    private static DbContextOptionsBuilder<TestShop> Options(string connectionString)
    {
        var options = new DbContextOptionsBuilder<TestShop>();
        ModuleDatabaseRegistration.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }, "shop_migrations", typeof(TestShop).Assembly.GetName().Name!);
        return options;
    }
}

internal sealed class TestSale
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Units { get; set; }
}
