using System.Reflection;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace IpShield.Architecture.Tests;

/// <summary>
/// The house rules of the modular monolith: a module sees only the shared kernel and other modules' contracts,
/// and shows the world nothing but its registration entry point.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> Modules => [.. PlatformAssemblies.Modules.Select(a => a.GetName().Name!)];

    public static TheoryData<string> Contracts => [.. PlatformAssemblies.Contracts.Select(a => a.GetName().Name!)];

    [Fact]
    public void The_host_composes_at_least_one_module_and_its_contracts()
    {
        Assert.Contains("IpShield.Workstations", PlatformAssemblies.Modules.Select(a => a.GetName().Name));
        Assert.Contains("IpShield.Workstations.Contracts", PlatformAssemblies.Contracts.Select(a => a.GetName().Name));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_only_the_shared_kernel_and_contracts(string module)
    {
        var forbidden = Assembly.Load(module).GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith(PlatformAssemblies.Prefix, StringComparison.Ordinal))
            .Where(r => r.Name != PlatformAssemblies.SharedKernel && !PlatformAssemblies.IsContracts(r))
            .Select(r => r.Name)
            .ToList();

        Assert.True(forbidden.Count == 0, $"{module} references {string.Join(", ", forbidden)}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_type_of_a_module_uses_another_module_or_the_host(string module)
    {
        // Matched by full type name: a namespace prefix such as "IpShield.Workstations" would also match the
        // "IpShield.Workstations.Contracts" a module may use.
        var otherAssemblies = PlatformAssemblies.Modules.Where(a => a.GetName().Name != module).Append(Assembly.Load(PlatformAssemblies.Host));
        var others = otherAssemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsNested && t.Namespace?.StartsWith(PlatformAssemblies.Prefix, StringComparison.Ordinal) == true).Select(t => t.FullName!).ToArray();

        var result = Types.InAssembly(Assembly.Load(module)).ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses another module or the host in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_shows_nothing_public_but_its_entry_point_migrations_and_message_handlers(string module)
    {
        var assembly = Assembly.Load(module);
        var entryPoint = $"{module}.{module.Split('.')[^1]}Module";

        var exposed = assembly.GetExportedTypes()
            .Where(t => t.FullName != entryPoint && !t.Namespace!.EndsWith(".Migrations", StringComparison.Ordinal))
            // Wolverine's generated code lives in the host and can only call public handlers: static *Handler classes in .Messaging.
            .Where(t => !(t.Namespace!.EndsWith(".Messaging", StringComparison.Ordinal) && t.Name.EndsWith("Handler", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(exposed.Count == 0, $"{module} exposes {string.Join(", ", exposed)}; make them internal.");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contracts_depend_on_nothing_of_the_platform_but_the_shared_kernel(string contracts)
    {
        var references = Assembly.Load(contracts).GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith(PlatformAssemblies.Prefix, StringComparison.Ordinal) && r.Name != PlatformAssemblies.SharedKernel)
            .Select(r => r.Name)
            .ToList();

        Assert.Empty(references);
    }

    [Fact]
    public void The_shared_kernel_knows_no_module_and_not_the_host()
    {
        var platform = PlatformAssemblies.All.Select(a => a.GetName().Name!).Where(n => n != PlatformAssemblies.SharedKernel).ToArray();

        var result = Types.InAssembly(typeof(SharedKernel.Persistence.IEntity).Assembly).ShouldNot().HaveDependencyOnAny(platform).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>Modules that own tables (a module whose persistence has not landed yet has none to check).</summary>
    public static TheoryData<string> ModulesWithTables =>
        [.. PlatformAssemblies.Modules.Where(a => a.GetTypes().Any(t => t.IsSubclassOf(typeof(DbContext)))).Select(a => a.GetName().Name!)];

    [Fact]
    public void The_modules_with_tables_include_the_ones_that_store_records()
    {
        var withTables = ModulesWithTables.Select(row => row.Data).ToList();

        Assert.Contains("IpShield.Workstations", withTables);
        Assert.Contains("IpShield.Enterprises", withTables);
    }

    [Theory]
    [MemberData(nameof(ModulesWithTables))]
    public void A_module_tables_carry_its_own_prefix(string module)
    {
        var assembly = Assembly.Load(module);
        var contextType = assembly.GetTypes().Single(t => t.IsSubclassOf(typeof(DbContext)));
        var factoryType = assembly.GetTypes().Single(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<>)));
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        using var context = (DbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;

        var prefixes = context.Model.GetEntityTypes().Select(e => e.GetTableName()!.Split('_')[0]).Distinct().ToList();

        Assert.Single(prefixes);
        Assert.Equal(contextType, context.GetType());
    }
}

/// <summary>What a module's <c>.Contracts</c> may hold: immutable messages and names, never persistence or mutable state.</summary>
public sealed class ContractsContentTests
{
    public static TheoryData<string> Contracts => [.. PlatformAssemblies.Contracts.Select(a => a.GetName().Name!)];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contracts_are_immutable_no_public_property_can_be_set_after_construction(string contracts)
    {
        var settable = Assembly.Load(contracts).GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p)))
            .Where(pair => pair.p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(pair => $"{pair.t.Name}.{pair.p.Name}")
            .ToList();

        Assert.True(settable.Count == 0, $"{contracts} has settable properties: {string.Join(", ", settable)}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contracts_expose_no_persistence(string contracts)
    {
        var result = Types.InAssembly(Assembly.Load(contracts)).ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore").GetResult();

        Assert.True(result.IsSuccessful, $"{contracts} depends on EF Core in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_integration_event_in_contracts_has_a_stable_name(string contracts)
    {
        var unnamed = Assembly.Load(contracts).GetExportedTypes()
            .Where(t => typeof(IpShield.SharedKernel.Messaging.IntegrationEvent).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetCustomAttribute<IpShield.SharedKernel.Messaging.IntegrationEventNameAttribute>() is null)
            .Select(t => t.Name)
            .ToList();

        Assert.True(unnamed.Count == 0, $"{contracts} has events without [IntegrationEventName]: {string.Join(", ", unnamed)}");
    }
}
