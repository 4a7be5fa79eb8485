using Microsoft.Extensions.Configuration;

namespace IpShield.Enterprises.Import;

/// <summary>Where uploaded import files are kept until their job ends, and how many rows go in one transaction.</summary>
internal sealed class ImportOptions
{
    public string Folder { get; init; } = Path.Combine(".data", "imports");
    public int BatchSize { get; init; } = 1000;

    public static ImportOptions From(IConfiguration configuration) => new()
    {
        Folder = configuration["Imports:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(".data", "imports"),
        BatchSize = Math.Clamp(configuration.GetValue("Imports:BatchSize", 1000), 1, 5000),
    };

    public string PathOf(Guid jobId) => Path.Combine(Folder, $"{jobId:N}.import");
}
