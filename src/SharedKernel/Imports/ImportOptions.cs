using Microsoft.Extensions.Configuration;

namespace IpShield.SharedKernel.Imports;

/// <summary>Where uploaded import files are kept until their job ends (every module's; named by job id), and how many rows go in one transaction.</summary>
public sealed class ImportOptions
{
    public string Folder { get; init; } = Path.Combine(".data", "imports");
    public int BatchSize { get; init; } = 1000;

    /// <summary>How long a host keeps a job after its last committed batch before another host may take it over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public static ImportOptions From(IConfiguration configuration) => new()
    {
        Folder = configuration["Imports:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(".data", "imports"),
        BatchSize = Math.Clamp(configuration.GetValue("Imports:BatchSize", 1000), 1, 5000),
        Lease = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Imports:LeaseSeconds", 30), 1, 3600)),
    };

    public string PathOf(Guid jobId) => Path.Combine(Folder, $"{jobId:N}.import");
}
