using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// The real host (Program) on a real database, reached over HTTP. One per test collection: MariaDB or SQLite.
/// </summary>
public abstract class PlatformHost : IAsyncLifetime
{
    public const string OperatorClientId = "it-operator";
    public const string OperatorClientSecret = "it-operator-secret-not-for-production";

    /// <summary>Well inside the 15-minute access token lifetime: a token older than this on the host's clock is renewed.</summary>
    private static readonly TimeSpan AdminTokenRenewAfter = TimeSpan.FromMinutes(5);

    private readonly Lock _adminTokenLock = new();
    private WebApplicationFactory<Program>? _factory;
    private string? _adminToken;
    private DateTimeOffset _adminTokenIssuedAt;

    public SqlStatementCounter Statements { get; } = new();

    /// <summary>The host's clock: tests move it forward to expire tokens.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>
    /// An access token of the city centre (the configured operator client), from the real token endpoint. Tests that move
    /// the host's clock past the token's lifetime would otherwise leave every later test of their collection with an
    /// expired token (CI once failed that way), so a token that has aged on the host's clock is renewed.
    /// </summary>
    public string AdminToken
    {
        get
        {
            lock (_adminTokenLock)
            {
                if (_adminToken is null)
                {
                    throw new InvalidOperationException("The host has not started.");
                }

                if (Clock.GetUtcNow() - _adminTokenIssuedAt > AdminTokenRenewAfter)
                {
                    // The in-memory test server answers without I/O; Task.Run keeps xunit's context out of the wait.
                    _adminToken = Task.Run(IssueAdminTokenAsync).GetAwaiter().GetResult();
                }

                return _adminToken;
            }
        }
    }

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public IServiceProvider Services => Factory.Services;

    public abstract string Provider { get; }

    /// <summary>A client acting as the city centre (admin), with a real access token.</summary>
    public GraphQLClient CreateClient() => CreateClient(AdminToken);

    /// <summary>A client sending the given bearer token.</summary>
    public GraphQLClient CreateClient(string accessToken) => new(Factory.CreateClient().WithBearer(accessToken));

    /// <summary>A client that sends no credentials at all.</summary>
    public GraphQLClient CreateAnonymousClient() => new(Factory.CreateClient());

    public IdentityScenario Identity => new(this);

    /// <summary>True once every module's outbox has delivered its events (readiness reports each module's pending count).</summary>
    public async Task<bool> OutboxesDrainedAsync()
    {
        var ready = await Factory.CreateClient().GetStringAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var modules = System.Text.Json.JsonDocument.Parse(ready).RootElement.GetProperty("checks").GetProperty("messaging").GetProperty("Data");
        return modules.EnumerateObject().All(m => m.Value.GetProperty("pendingEvents").GetInt32() == 0);
    }

    protected abstract Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync();

    protected virtual Task ReleaseDatabaseAsync() => Task.CompletedTask;

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        var settings = await PrepareDatabaseAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Logging:Json", "false");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Demo:Seed", "false");
            web.UseSetting("Imports:Folder", Path.Combine(Path.GetTempPath(), "ipshield-tests", $"imports-{Guid.NewGuid():N}"));
            web.UseSetting("Imports:BatchSize", "4");
            web.UseSetting("Identity:AllowHttp", "true");
            web.UseSetting("Identity:OperatorClient:ClientId", OperatorClientId);
            web.UseSetting("Identity:OperatorClient:ClientSecret", OperatorClientSecret);
            web.UseSetting("Identity:WebRedirectUris:0", OpenIdConnect.WebRedirectUri);
            web.UseSetting("Cors:AllowedOrigins:0", OpenIdConnect.WebOrigin);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IInterceptor>(Statements);
                services.AddHttpContextAccessor();
                services.AddSingleton<TimeProvider>(Clock);
                ConfigureTestServices(services);
            });
        });
        _ = _factory.Server; // start now, so migrations run before the first test
        Statements.Requests = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        _adminToken = await IssueAdminTokenAsync();
    }

    private async Task<string> IssueAdminTokenAsync()
    {
        var issuedAt = Clock.GetUtcNow();
        using var http = Factory.CreateClient();
        var token = await OpenIdConnect.ClientCredentialsAsync(http, OperatorClientId, OperatorClientSecret, "api");
        _adminTokenIssuedAt = issuedAt;
        return token.Error is null ? token.AccessToken : throw new InvalidOperationException($"The operator client got no token: {token.Body}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await ReleaseDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

public class MariaDbHost : PlatformHost
{
    private string? _connectionString;

    public override string Provider => "MariaDB";

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database has not been created.");

    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync()
    {
        _connectionString = await TestDatabases.CreateMariaDbAsync("it");
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = _connectionString,
            ["Database:MigrateOnStartup"] = "true",
        };
    }

    /// <summary>A field that fails like a bug would, to prove clients never see our internals; a count of validations.</summary>
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IpShield.SharedKernel.GraphQL.Schema.IQueryFieldContribution, FailingFieldForTests>();
        services.AddSingleton<ValidationCounterForTests>();
        services.AddSingleton<GraphQL.DI.IConfigureExecution>(sp => sp.GetRequiredService<ValidationCounterForTests>());
    }

    protected override Task ReleaseDatabaseAsync() =>
        _connectionString is null ? Task.CompletedTask : TestDatabases.DropMariaDbAsync(_connectionString);
}

public sealed class SqliteHost : PlatformHost
{
    private readonly string _file = TestDatabases.NewSqliteFile();

    public override string Provider => "SQLite";

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = string.Empty,
            ["ConnectionStrings:Sqlite"] = $"Data Source={_file}",
        });

    protected override Task ReleaseDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbHost>
{
    public const string Name = "MariaDB host";
}

/// <summary>A MariaDB host of its own for messaging tests, which break subscribers on purpose; retries and pruning passes are quick.</summary>
public sealed class MessagingHost : MariaDbHost
{
    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareDatabaseAsync()
    {
        var settings = new Dictionary<string, string?>(await base.PrepareDatabaseAsync())
        {
            ["Messaging:FirstRetryDelay"] = "00:00:00.050",
            ["Messaging:MaxRetryDelay"] = "00:00:00.400",
            ["Messaging:PruneEvery"] = "00:00:00.500",
        };
        return settings;
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<MessagingHost>
{
    public const string Name = "Messaging MariaDB host";
}

/// <summary>A MariaDB host of its own, for tests that move the host's clock (token expiry).</summary>
public sealed class ClockMovingMariaDbHost : MariaDbHost;

[CollectionDefinition(Name)]
public sealed class ClockMovingMariaDbCollection : ICollectionFixture<ClockMovingMariaDbHost>
{
    public const string Name = "MariaDB host whose clock moves";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteHost>
{
    public const string Name = "SQLite host";
}
