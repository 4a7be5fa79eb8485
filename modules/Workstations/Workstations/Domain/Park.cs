using IpShield.SharedKernel.Persistence;

namespace IpShield.Workstations.Domain;

/// <summary>A cross-border e-commerce industrial park that hosts enterprises and one or more workstations.</summary>
internal sealed class Park : IEntity
{
    public const int NameMax = 200;
    public const int PlaceMax = 100;
    public const int AddressMax = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string City { get; set; }
    public string? District { get; set; }
    public string? Address { get; set; }

    /// <summary>IANA zone the park's monthly statistics are bucketed in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public required DateTime CreatedAt { get; init; }
}
