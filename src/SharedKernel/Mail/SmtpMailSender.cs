using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IpShield.SharedKernel.Mail;

/// <summary>SMTP through MailKit: one connection per message, which is plenty for one digest per person a day.</summary>
internal sealed class SmtpMailSender(MailOptions options) : IMailSender
{
    public bool IsConfigured => options.IsConfigured;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("Mail is not configured (Mail:Host); check IsConfigured before sending.");
        }

        using var message = Compose(mail);
        using var client = new SmtpClient();
        var security = Enum.Parse<MailSecurity>(options.Security, ignoreCase: true) switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From!));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        foreach (var (name, value) in mail.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }
}
