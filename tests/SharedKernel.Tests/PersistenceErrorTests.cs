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
}
