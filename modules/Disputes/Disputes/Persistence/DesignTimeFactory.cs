using IpShield.SharedKernel.Persistence;

namespace IpShield.Disputes.Persistence;

/// <summary>For <c>dotnet ef migrations add</c> (<see cref="ModuleDesignTimeFactory{TContext}"/>).</summary>
internal sealed class DesignTimeFactory : ModuleDesignTimeFactory<DisputesDbContext>;
