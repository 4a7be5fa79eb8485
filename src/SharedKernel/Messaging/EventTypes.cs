using System.Collections.Concurrent;
using System.Reflection;

namespace IpShield.SharedKernel.Messaging;

/// <summary>Maps stable event names to CLR types and back, from the contracts assemblies loaded in the process.</summary>
public static class EventTypes
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    public static string NameOf(Type type) =>
        Names.GetOrAdd(type, t =>
        {
            var name = t.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{t.Name} has no [IntegrationEventName]: an event needs a stable identity.");
            Types.TryAdd(name, t);
            return name;
        });

    public static Type? TypeOf(string name)
    {
        if (Types.TryGetValue(name, out var known))
        {
            return known;
        }

        // The contracts of the modules, and the kernel's own events (import progress).
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.EndsWith(".Contracts", StringComparison.Ordinal) == true)
            .Append(typeof(IntegrationEvent).Assembly))
        {
            foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IntegrationEvent).IsAssignableFrom(t)))
            {
                NameOf(type);
            }
        }

        return Types.GetValueOrDefault(name);
    }
}
