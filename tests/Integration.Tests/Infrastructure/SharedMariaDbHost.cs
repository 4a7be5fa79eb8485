namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// One of several hosts on one MariaDB database, as a deployment runs them: it migrates the database when it starts
/// and leaves dropping it to the test that created it. <paramref name="settings"/> are this host's own.
/// </summary>
public sealed class SharedMariaDbHost(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : PlatformHost
{
    public override string Provider => "MariaDB";

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:MySql"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
        });
}
