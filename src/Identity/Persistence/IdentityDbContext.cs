using IpShield.Identity.Domain;
using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace IpShield.Identity.Persistence;

/// <summary>
/// Identity's tables, all prefixed <c>idn_</c>: people and roles (ASP.NET Core Identity), OAuth clients, authorizations,
/// scopes and tokens (OpenIddict), keyed by Guids. It derives from ASP.NET Core Identity's context, so it takes the
/// kernel's module conventions one by one instead of from <see cref="ModuleDbContext"/> (it has no messaging tables).
/// </summary>
[TablePrefix("idn")]
internal sealed class PlatformIdentityDbContext(DbContextOptions<PlatformIdentityDbContext> options)
    : IdentityDbContext<PlatformUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseModuleCollation(Database);

        builder.UseOpenIddict<Guid>();

        builder.Entity<PlatformUser>(user =>
        {
            user.ToTable("idn_users");
            user.Property(u => u.DisplayName).HasMaxLength(PlatformUser.NameMax);
            user.Property(u => u.Language).HasMaxLength(2);
        });
        builder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("idn_audit_log");
            audit.Property(a => a.ActorKind).HasMaxLength(20);
            audit.Property(a => a.ActorId).HasMaxLength(100);
            audit.Property(a => a.EntityType).HasMaxLength(100);
            audit.Property(a => a.EntityId).HasMaxLength(200);
            audit.Property(a => a.Action).HasMaxLength(20);
            audit.HasIndex(a => new { a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.ActorId, a.OccurredAt });
            audit.HasIndex(a => new { a.EntityType, a.EntityId });
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("idn_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("idn_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("idn_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("idn_user_logins");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("idn_role_claims");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("idn_user_tokens");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("idn_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("idn_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("idn_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("idn_tokens");
    }
}
