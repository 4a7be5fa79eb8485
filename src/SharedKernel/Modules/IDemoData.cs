namespace IpShield.SharedKernel.Modules;

/// <summary>Demo records a module adds to an empty embedded database, so a newcomer has something to query.</summary>
public interface IDemoData
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
