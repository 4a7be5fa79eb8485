using IpShield.SharedKernel.Live;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>The kernel's live-event tables (ADR 0022) are migrated like a module's.</summary>
public sealed class LiveTableTests
{
    [Fact]
    public void The_live_event_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new LiveDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The live-event model changed without a migration. Run: dotnet ef migrations add <Name> --project src/SharedKernel --context LiveDbContext --output-dir Live/Migrations --msbuildprojectextensionspath artifacts/obj/SharedKernel");
    }

    [Fact]
    public void Every_live_table_carries_the_live_prefix()
    {
        using var context = new LiveDesignTimeFactory().CreateDbContext([]);

        Assert.All(context.Model.GetEntityTypes().Select(e => e.GetTableName()), table => Assert.StartsWith("live_", table, StringComparison.Ordinal));
    }
}
