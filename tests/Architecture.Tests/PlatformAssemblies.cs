using System.Reflection;

namespace IpShield.Architecture.Tests;

/// <summary>The platform's assemblies, found from the host's references so a new module is checked without editing this list.</summary>
internal static class PlatformAssemblies
{
    public const string Prefix = "IpShield.";
    public const string SharedKernel = "IpShield.SharedKernel";
    public const string Host = "IpShield.Host";

    public static IReadOnlyList<Assembly> All { get; } = Load();

    /// <summary>Module assemblies: everything but the host, the shared kernel and contracts.</summary>
    public static IEnumerable<Assembly> Modules => All.Where(a => !IsContracts(a.GetName()) && a.GetName().Name is not (SharedKernel or Host));

    public static IEnumerable<Assembly> Contracts => All.Where(a => IsContracts(a.GetName()));

    public static bool IsContracts(AssemblyName name) => name.Name!.EndsWith(".Contracts", StringComparison.Ordinal);

    /// <summary>Every platform assembly deployed beside the host (a contracts assembly of constants only is not an IL reference).</summary>
    private static List<Assembly> Load() =>
        [.. Directory.GetFiles(AppContext.BaseDirectory, Prefix + "*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Assembly.Load(new AssemblyName(name)))];
}
