using System.Text;
using IpShield.Training.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IpShield.Training.CheckIn;

/// <summary>
/// The key that signs check-in codes (<c>Training:CheckInKey</c>, at least 32 characters). Development and Testing fall
/// back to a fixed development key; any other environment refuses to start without one, as Identity does for its
/// certificates: codes signed with a known key could be forged by anyone.
/// </summary>
internal static class CheckInOptions
{
    public const string KeySetting = "Training:CheckInKey";
    private const string DevelopmentKey = "ip-shield-development-check-in-key-not-for-production";

    public static CheckInCode CodeFrom(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                throw new InvalidOperationException(
                    $"Training: the {environment.EnvironmentName} environment needs a key to sign check-in codes. Set {KeySetting} " +
                    "(a random secret of at least 32 characters); the development key is used only in Development and Testing.");
            }

            key = DevelopmentKey;
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException($"Training: {KeySetting} must be at least 32 characters long.");
        }

        return new CheckInCode(Encoding.UTF8.GetBytes(key));
    }
}
