using IpShield.SharedKernel.Persistence;

namespace IpShield.Training.Persistence;

/// <summary>For <c>dotnet ef migrations add</c> (<see cref="ModuleDesignTimeFactory{TContext}"/>).</summary>
internal sealed class DesignTimeFactory : ModuleDesignTimeFactory<TrainingDbContext>;
