using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IpShield.Identity.Server;

/// <summary>
/// Signing and encryption keys: configured certificates, or ephemeral development keys where the environment allows
/// them. Outside Development and Testing the host refuses to start without certificates.
/// </summary>
internal static class SigningKeys
{
    public static void Configure(OpenIddictServerBuilder server, PlatformIdentityOptions options, IHostEnvironment environment)
    {
        var signing = Load(options.SigningCertificate, "SigningCertificate");
        var encryption = Load(options.EncryptionCertificate, "EncryptionCertificate");
        if (signing is not null && encryption is not null)
        {
            server.AddSigningCertificate(signing).AddEncryptionCertificate(encryption);
            return;
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"Identity: the {environment.EnvironmentName} environment needs certificates to sign and encrypt tokens. " +
                "Set Identity:SigningCertificate:Path and Identity:EncryptionCertificate:Path (PKCS#12 files, with :Password), " +
                "Ephemeral development keys are used only in the Development and Testing environments.");
        }

        // Ephemeral keys live in memory: tokens issued before a restart stop validating, which is fine for development.
        server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
    }

    private static X509Certificate2? Load(CertificateOptions? certificate, string name)
    {
        if (string.IsNullOrWhiteSpace(certificate?.Path))
        {
            return null;
        }

        if (!File.Exists(certificate.Path))
        {
            throw new InvalidOperationException($"Identity: {name} file {certificate.Path} does not exist.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(certificate.Path, certificate.Password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
