using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>The built host running as its own process on a real Kestrel port, as a deployment runs it.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>
    /// Hosts start one at a time. A start-up JIT-compiles the whole platform and migrates its database; several at once
    /// on a loaded 2-core machine took over a minute each (CI failed on it), one at a time they take a few seconds.
    /// </summary>
    private static readonly SemaphoreSlim StartingUp = new(1, 1);

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly string _sqliteFile;
    private readonly Queue<string> _output = new();

    private HostProcess(Process process, string url, string sqliteFile)
    {
        _process = process;
        Url = url;
        _sqliteFile = sqliteFile;
    }

    public string Url { get; }

    /// <summary>Whether the process has ended (crashed, or stopped itself).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The host's process id (the <c>dotnet</c> muxer runs the app in its own process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The host's last lines of output, for the message of a test that fails because of the host.</summary>
    public string LastOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 60)
            {
                _output.Dequeue();
            }
        }
    }

    public static Task<HostProcess> StartAsync(CancellationToken cancellationToken) => StartAsync(null, cancellationToken);

    /// <summary>
    /// Starts the host; <paramref name="environment"/> overrides settings (e.g. <c>ConnectionStrings__MySql</c> to run on
    /// MariaDB), where <c>{url}</c> in a value stands for the host's own URL.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        await StartingUp.WaitAsync(cancellationToken);
        try
        {
            return await StartOneAsync(environment, cancellationToken);
        }
        finally
        {
            StartingUp.Release();
        }
    }

    private static async Task<HostProcess> StartOneAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
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
        // Production refuses to start without token certificates: give it real (self-signed) ones, as an operator would.
        foreach (var (key, value) in CertificateSettings(WriteSelfSignedCertificate(sqliteFile + ".pfx")))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // An operator client, so tests can act as the city centre through the real token endpoint (see AdminClientAsync).
        start.Environment["Identity__AllowHttp"] = "true";
        start.Environment["Training__CheckInKey"] = "check-in key of the test host processes, long enough";
        start.Environment["Identity__OperatorClient__ClientId"] = PlatformHost.OperatorClientId;
        start.Environment["Identity__OperatorClient__ClientSecret"] = PlatformHost.OperatorClientSecret;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            // "{url}" stands for the host's own URL, known only here (e.g. a redirect URI of a page the host serves).
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value.Replace("{url}", url, StringComparison.Ordinal);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(process, url, sqliteFile);
        process.OutputDataReceived += (_, line) => host.Remember(line.Data);
        process.ErrorDataReceived += (_, line) => host.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + ReadyWithin;
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
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // not listening yet, or still starting up
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // listening but busy (migrating, or a loaded machine): ask again
            }

            Assert.False(process.HasExited, $"The host exited with code {(process.HasExited ? process.ExitCode : 0)} before it was ready. Its last output:\n{host.LastOutput}");
            await Task.Delay(200, cancellationToken);
        }

        var output = host.LastOutput;
        await host.DisposeAsync();
        throw new TimeoutException($"The host at {url} was not ready within {ReadyWithin.TotalSeconds} s. Its last output:\n{output}");
    }

    /// <summary>A GraphQL client acting as the city centre, with a token from this host's own token endpoint.</summary>
    public async Task<GraphQLClient> AdminClientAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        var token = await OpenIdConnect.ClientCredentialsAsync(http, PlatformHost.OperatorClientId, PlatformHost.OperatorClientSecret, "api");
        Assert.True(token.Error is null, $"The operator client got no token: {token.Body}");
        return new GraphQLClient(http.WithBearer(token.AccessToken));
    }

    /// <summary>Ends the process at once, as a crash or a power cut would: no graceful shutdown.</summary>
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
        foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm", _sqliteFile + ".pfx" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs the host in Production with no certificates configured and returns how it ended.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithoutCertificatesAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "src", "Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IpShield.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort()}");
        start.Environment["ConnectionStrings__MySql"] = string.Empty;
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={TestDatabases.NewSqliteFile()}";
        start.Environment["Logging__Json"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }

    private const string CertificatePassword = "test-only";

    /// <summary>The settings that make a host sign and encrypt tokens with this certificate (hosts that share it accept each other's tokens).</summary>
    public static Dictionary<string, string> CertificateSettings(string certificate) => new()
    {
        ["Identity:SigningCertificate:Path"] = certificate,
        ["Identity:SigningCertificate:Password"] = CertificatePassword,
        ["Identity:EncryptionCertificate:Path"] = certificate,
        ["Identity:EncryptionCertificate:Password"] = CertificatePassword,
    };

    public static string WriteSelfSignedCertificate(string path)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=IP Shield test tokens", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }

    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
