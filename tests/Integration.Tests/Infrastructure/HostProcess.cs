using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>The built host running as its own process on a real Kestrel port, as a deployment runs it.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _sqliteFile;

    private HostProcess(Process process, string url, string sqliteFile)
    {
        _process = process;
        Url = url;
        _sqliteFile = sqliteFile;
    }

    public string Url { get; }

    public static Task<HostProcess> StartAsync(CancellationToken cancellationToken) => StartAsync(null, cancellationToken);

    /// <summary>Starts the host; <paramref name="environment"/> overrides settings (e.g. <c>ConnectionStrings__MySql</c> to run on MariaDB).</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var hostDll = Path.Combine(AppContext.BaseDirectory, "IpShield.Host.dll");
        var sqliteFile = TestDatabases.NewSqliteFile();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "src", "Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { hostDll, "--urls", url })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__MySql"] = string.Empty;
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={sqliteFile}";
        start.Environment["Logging__Json"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, url, sqliteFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri($"{url}/health/ready"), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // listening but busy (migrating, or a loaded machine): ask again
            }

            Assert.False(process.HasExited, $"The host exited with code {(process.HasExited ? process.ExitCode : 0)} before it was ready.");
            await Task.Delay(200, cancellationToken);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The host at {url} was not ready within 60 s.");
    }

    /// <summary>Kills the host at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
