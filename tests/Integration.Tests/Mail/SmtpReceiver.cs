using System.Diagnostics;
using IpShield.Integration.Tests.Infrastructure;
using MimeKit;

namespace IpShield.Integration.Tests.Mail;

/// <summary>
/// A local SMTP server for the tests (Debian's python3-aiosmtpd, installed by build/test.sh), on a free port: every
/// message it accepts is a file before the sender hears "250", so once a send returned, the message can be read.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpReceiver(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static async Task<SmtpReceiver> StartAsync()
    {
        var port = HostProcess.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "ipshield-tests", $"mail-{Guid.NewGuid():N}");
        // Debian's python, where python3-aiosmtpd is installed (another python3 may come first on the PATH).
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "tests", "Integration.Tests", "Mail", "smtp_receiver.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(folder);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ready = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready != "ready")
        {
            var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The SMTP receiver did not start (is python3-aiosmtpd installed? build/test.sh installs it): {errors}");
        }

        return new SmtpReceiver(process, port, folder);
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.GetFiles(Folder, "*.eml").Select(file => MimeMessage.Load(file))];

    /// <summary>The messages received so far for this address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
