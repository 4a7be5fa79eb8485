using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpShield.SharedKernel.Imports;

public static class ImportRegistration
{
    /// <summary>
    /// A module's imports: its pipeline, a queue that wakes its runner, and the runner (a hosted service) working on
    /// the module's jobs table. The options (folder, batch size, lease) are shared by all.
    /// </summary>
    public static IServiceCollection AddImports<TDb, TJob, TRecord, TPipeline>(this IServiceCollection services)
        where TDb : DbContext
        where TJob : ImportJob
        where TRecord : class
        where TPipeline : ImportPipeline<TDb, TJob, TRecord>
    {
        services.TryAddSingleton(sp => ImportOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ImportQueue<TJob>>();
        services.AddSingleton<ImportPipeline<TDb, TJob, TRecord>, TPipeline>();
        services.AddHostedService<ImportRunner<TDb, TJob, TRecord>>();
        return services;
    }
}

/// <summary>The import tables of a module, named by it (its prefix), shaped alike for every module.</summary>
public static class ImportTables
{
    public static void MapImportTables<TJob>(this ModelBuilder modelBuilder, string jobsTable, string rowErrorsTable, Action<EntityTypeBuilder<TJob>>? more = null)
        where TJob : ImportJob
    {
        modelBuilder.Entity<TJob>(job =>
        {
            job.ToTable(jobsTable);
            job.Property(j => j.ClientKey).HasMaxLength(ImportJob.KeyMax);
            job.Property(j => j.RunningClientKey).HasMaxLength(ImportJob.KeyMax);
            job.Property(j => j.IdempotencyKey).HasMaxLength(ImportJob.KeyMax);
            job.Property(j => j.FileSha256).HasMaxLength(64).IsFixedLength();
            job.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMax);
            job.Property(j => j.Format).HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.Mode).HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(12);
            job.Property(j => j.FailureMessage).HasMaxLength(1000);
            job.Property(j => j.LeasedBy).HasMaxLength(ImportJob.KeyMax).IsConcurrencyToken();
            job.HasIndex(j => new { j.ClientKey, j.IdempotencyKey }).IsUnique();
            job.HasIndex(j => j.RunningClientKey).IsUnique();
            job.HasIndex(j => j.Status);
            more?.Invoke(job);
        });

        modelBuilder.Entity<ImportRowError>(error =>
        {
            error.ToTable(rowErrorsTable);
            error.Property(e => e.Column).HasMaxLength(ImportRowError.ColumnMax);
            error.Property(e => e.Code).HasMaxLength(ImportRowError.CodeMax);
            error.Property(e => e.Message).HasMaxLength(ImportRowError.MessageMax);
            error.HasIndex(e => new { e.JobId, e.Line });
            error.HasOne<TJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
