using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Statistics;

/// <summary>
/// Runs the independent statements of one statistics section side by side, each group on a connection of its own, while
/// the host has spare connections for it (ADR 0038). A section is several statements on one context, and a context runs
/// one statement at a time: computed alone (a write of one module changed one section) it left the database's second
/// core idle. Spare connections are shared by the whole host and taken only when free at once; without one a group runs
/// on the section's own context after the others, as before. So under load, when every core is busy anyway, sections
/// take no more connections than they did.
/// </summary>
public sealed class StatisticsReads(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    /// <summary>Spare connections of a host when <c>Statistics:SpareReads</c> does not say (measured in ADR 0038).</summary>
    public const int DefaultSpareReads = 4;

    private readonly SemaphoreSlim _spare = new(SpareReadsOf(configuration));

    /// <summary>
    /// Runs every one of <paramref name="reads"/> once: the first on <paramref name="db"/>, each other on a context of a
    /// scope of its own while a spare connection is free, otherwise on <paramref name="db"/> after the first. Each read
    /// must build its queries from the context it is given. Returns when all have ended, failing as the first one failed.
    /// </summary>
    public async Task RunAsync<TContext>(TContext db, CancellationToken cancellationToken, params Func<TContext, CancellationToken, Task>[] reads)
        where TContext : ModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(reads);
        var besides = new List<Task>();
        var after = new List<Func<TContext, CancellationToken, Task>>();
        foreach (var read in reads.Skip(1))
        {
            if (_spare.Wait(0))
            {
                besides.Add(Task.Run(() => OnSpareAsync(read, cancellationToken), cancellationToken));
            }
            else
            {
                after.Add(read);
            }
        }

        async Task OnOwnAsync()
        {
            foreach (var read in reads.Take(1).Concat(after))
            {
                await read(db, cancellationToken);
            }
        }

        await Task.WhenAll([OnOwnAsync(), .. besides]);
    }

    public void Dispose() => _spare.Dispose();

    private async Task OnSpareAsync<TContext>(Func<TContext, CancellationToken, Task> read, CancellationToken cancellationToken)
        where TContext : ModuleDbContext
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await read(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
        }
        finally
        {
            _spare.Release();
        }
    }

    private static int SpareReadsOf(IConfiguration configuration) =>
        Math.Max(0, configuration.GetValue("Statistics:SpareReads", DefaultSpareReads));
}
