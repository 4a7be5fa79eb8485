using IpShield.SharedKernel.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace IpShield.SharedKernel.Tests;

/// <summary>The kernel's webhook tables (ADR 0024) are migrated like a module's.</summary>
public sealed class WebhookTableTests
{
    [Fact]
    public void The_webhook_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var context = new WebhookDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The webhook model changed without a migration. Run: dotnet ef migrations add <Name> --project src/SharedKernel --context WebhookDbContext --output-dir Webhooks/Migrations --msbuildprojectextensionspath artifacts/obj/SharedKernel");
    }

    [Fact]
    public void Every_webhook_table_carries_the_wh_prefix()
    {
        using var context = new WebhookDesignTimeFactory().CreateDbContext([]);

        Assert.All(context.Model.GetEntityTypes().Select(e => e.GetTableName()), table => Assert.StartsWith("wh_", table, StringComparison.Ordinal));
    }
}
