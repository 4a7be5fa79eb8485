using IpShield.Integration.Tests.Infrastructure;
using IpShield.Workstations.Persistence;
using EnterprisesDesignTimeFactory = IpShield.Enterprises.Persistence.DesignTimeFactory;
using TrainingDesignTimeFactory = IpShield.Training.Persistence.DesignTimeFactory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IpShield.Integration.Tests.Platform;

/// <summary>The reviewed contracts: the committed SDL and the committed MySQL migrations match the code.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SchemaContractTests(SqliteHost host)
{
    [Fact]
    public void The_built_schema_matches_the_committed_schema_graphql()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema", "schema.graphql")).ReplaceLineEndings("\n");

        var built = IpShield.Host.SchemaDocument.Print(host.Services);

        Assert.True(committed == built, "schema/schema.graphql is out of date. Review the change, then run: build/update-schema.sh");
    }

    [Fact]
    public void The_Workstations_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new DesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The Workstations model changed without a migration. Run: dotnet ef migrations add <Name> --project modules/Workstations/Workstations --output-dir Persistence/Migrations --msbuildprojectextensionspath artifacts/obj/Workstations");
    }

    [Fact]
    public void The_Enterprises_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new EnterprisesDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The Enterprises model changed without a migration. Run: dotnet ef migrations add <Name> --project modules/Enterprises/Enterprises --output-dir Persistence/Migrations --msbuildprojectextensionspath artifacts/obj/Enterprises");
    }

    [Fact]
    public void The_Training_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new TrainingDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The Training model changed without a migration. Run: dotnet ef migrations add <Name> --project modules/Training/Training --output-dir Persistence/Migrations --msbuildprojectextensionspath artifacts/obj/Training");
    }

    [Fact]
    public void Every_table_of_a_module_carries_the_module_s_prefix()
    {
        using var workstations = new DesignTimeFactory().CreateDbContext([]);
        using var enterprises = new EnterprisesDesignTimeFactory().CreateDbContext([]);
        using var identity = new IpShield.Identity.Persistence.DesignTimeFactory().CreateDbContext([]);

        foreach (var (context, prefix) in new (DbContext, string)[] { (workstations, "ws_"), (enterprises, "ent_"), (identity, "idn_") })
        {
            var tables = context.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToList();
            Assert.All(tables, table => Assert.StartsWith(prefix, table, StringComparison.Ordinal));
            Assert.Equal(prefix + "migrations", RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>()).MigrationsHistoryTableName);
        }
    }

    [Fact]
    public void The_Identity_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new IpShield.Identity.Persistence.DesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The Identity model changed without a migration. Run: dotnet ef migrations add <Name> --project src/Identity --output-dir Persistence/Migrations --msbuildprojectextensionspath artifacts/obj/Identity");
    }
}
