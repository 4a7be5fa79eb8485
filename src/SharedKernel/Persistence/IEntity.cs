namespace IpShield.SharedKernel.Persistence;

/// <summary>An entity keyed by a time-ordered Guid (<see cref="Guid.CreateVersion7()"/>).</summary>
public interface IEntity
{
    Guid Id { get; }
}
