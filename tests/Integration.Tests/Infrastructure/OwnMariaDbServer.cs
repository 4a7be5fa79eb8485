using System.Diagnostics;
using MySqlConnector;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>
/// A MariaDB server of one test's own, run by build/mariadb.sh on a free port in a temp folder, for tests that stop
/// and restart the database: the suite's shared server must stay up for the test classes running beside them.
/// The binaries are those build/test.sh installs for the shared server.
/// </summary>
internal sealed class OwnMariaDbServer : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    // Short: the server's unix socket lives in this folder, and socket paths are limited to 107 bytes.
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"mdb-{Guid.NewGuid():N}"[..16]);
    private readonly int _port = HostProcess.FreePort();
    private string? _server;

    private OwnMariaDbServer()
    {
    }

    /// <summary>Starts a server with an empty data directory.</summary>
    public static async Task<OwnMariaDbServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new OwnMariaDbServer();
        try
        {
            server._server = await server.RunScriptAsync("start", cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = _server ?? throw new InvalidOperationException("The server has not started.");
        var name = $"ipshield_{purpose}_{Guid.NewGuid():N}"[..40];
        await using var connection = new MySqlConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        await command.ExecuteNonQueryAsync();
        return $"{server.TrimEnd(';')};Database={name}";
    }

    /// <summary>Shuts the server down; every connection to it breaks.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => RunScriptAsync("stop", cancellationToken);

    /// <summary>Starts the stopped server again on the same port, with its databases as it left them.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken) => RunScriptAsync("resume", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunScriptAsync("stop", CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    /// <summary>Runs build/mariadb.sh on this server's folder and port; returns what it prints on stdout.</summary>
    private async Task<string> RunScriptAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(RepositoryRoot.Path, "build", "mariadb.sh"), command, _folder })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["IPSHIELD_MARIADB_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/mariadb.sh {command} {_folder} failed with exit code {process.ExitCode}:\n{await errors}");
        }

        return (await output).Trim();
    }
}
