using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.Mail;

public static partial class MailRegistration
{
    /// <summary>The kernel's mail sender and link signer from <c>Mail:*</c>; refuses to start on a broken mail configuration.</summary>
    public static IServiceCollection AddPlatformMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = MailOptions.Read(configuration, environment);
        services.AddSingleton(options);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<MailLinks>();
        services.AddHostedService<UnconfiguredMailNote>();
        return services;
    }

    /// <summary>Says once, at start, that no mail goes out, so an operator missing digests finds why in the log.</summary>
    private sealed partial class UnconfiguredMailNote(MailOptions options, ILogger<MailOptions> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.IsConfigured)
            {
                LogUnconfigured(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Mail: no SMTP server configured (Mail:Host); no mail is sent, deadline digests included")]
        private static partial void LogUnconfigured(ILogger logger);
    }
}
