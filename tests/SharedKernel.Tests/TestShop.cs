using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IpShield.SharedKernel.Tests;

/// <summary>A module of a few tables on SQLite, for the kernel's statistics tests (data versions, answers, side-by-side reads).</summary>
[TablePrefix("shop")]
internal sealed class TestShop(DbContextOptions<TestShop> options) : ModuleDbContext(options)
{
    public DbSet<TestSale> Sales => Set<TestSale>();

    public DbSet<TestReturn> Returns => Set<TestReturn>();

    public DbSet<TestNote> Notes => Set<TestNote>();

    /// <summary>
    /// A context on an open connection (an in-memory database lives as long as it), changing its data versions, and
    /// telling <paramref name="answers"/> what its commits wrote.
    /// </summary>
    public static TestShop On(SqliteConnection connection, StatisticsAnswers? answers = null)
    {
        var options = Options("Data Source=:memory:");
        options.UseSqlite(connection);
        options.AddInterceptors(new DataVersionInterceptor(answers));
        return new TestShop(options.Options);
    }

    /// <summary>A context of its own on a database file, as each scope of a host gets one.</summary>
    public static TestShop On(string connectionString) => new(Options(connectionString).Options);

    /// <summary>A return is its sale's park's, when the sale is tracked; a note is nobody's the shop can name.</summary>
    protected internal override IEnumerable<Guid?>? ParksOf(EntityEntry entry) =>
        entry.Entity is TestReturn returned ? ParksOfTracked<TestSale>(returned.SaleId) : null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TestSale>().ToTable("shop_sales");
        modelBuilder.Entity<TestReturn>().ToTable("shop_returns");
        modelBuilder.Entity<TestNote>().ToTable("shop_notes");
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

    /// <summary>The park the sale counts for: a row with a <c>ParkId</c> names its park by itself (ADR 0041).</summary>
    public Guid? ParkId { get; set; }
}

internal sealed class TestReturn
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SaleId { get; init; }
    public int Units { get; init; }
}

internal sealed class TestNote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Text { get; init; } = "";
}
