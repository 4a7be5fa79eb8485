using System.Security.Cryptography;
using System.Text;
using IpShield.SharedKernel.Webhooks;

namespace IpShield.SharedKernel.Tests;

/// <summary>Deliveries are signed as Stripe signs them (ADR 0024): HMAC-SHA256 over "timestamp.body", hex, in t=…,v1=….</summary>
public sealed class WebhookSigningTests
{
    private const string Secret = "whsec_test-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"1\",\"type\":\"CERTIFICATION_STATUS_CHANGED\",\"data\":{\"nameZh\":\"武昌企业\"}}");
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_timestamp_a_dot_and_the_body_keyed_with_the_secret()
    {
        var t = SignedAt.ToUnixTimeSeconds();
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{t}."), .. Body];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));

        Assert.Equal($"t={t},v1={expected}", WebhookSignature.HeaderValue(Secret, t, Body));
    }

    [Fact]
    public void A_receiver_accepts_the_header_within_five_minutes_of_its_timestamp()
    {
        var header = WebhookSignature.HeaderValue(Secret, SignedAt.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SignedAt.AddMinutes(4), WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(header, Secret, Body, SignedAt.AddMinutes(-4), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_changed_body_another_secret_an_old_timestamp_or_a_broken_header_is_refused()
    {
        var header = WebhookSignature.HeaderValue(Secret, SignedAt.ToUnixTimeSeconds(), Body);
        var changed = Encoding.UTF8.GetBytes("{\"id\":\"2\"}");

        Assert.False(WebhookSignature.Verify(header, Secret, changed, SignedAt, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, "whsec_other", Body, SignedAt, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, Secret, Body, SignedAt.AddMinutes(6), WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify("v1=" + header.Split("v1=")[1], Secret, Body, SignedAt, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(null, Secret, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_header_carrying_several_signatures_is_accepted_when_one_of_them_matches()
    {
        var t = SignedAt.ToUnixTimeSeconds();
        var header = $"t={t},v1={new string('0', 64)},v1={WebhookSignature.Sign(Secret, t, Body)}";

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Each_new_secret_is_different_and_says_what_it_is()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSignature.NewSecret()).ToList();

        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.StartsWith("whsec_", s, StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.True(s.Length >= 6 + 43, s));
    }
}

/// <summary>Failed deliveries wait longer after each failure, with jitter, up to a ceiling.</summary>
public sealed class WebhookBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void The_wait_after_n_failures_lies_between_half_and_all_of_the_doubled_delay_capped_at_the_maximum(int failures, int ceilingSeconds)
    {
        var random = new Random(failures);
        for (var i = 0; i < 200; i++)
        {
            var wait = WebhookBackoff.After(failures, First, Max, random);

            Assert.InRange(wait.TotalSeconds, ceilingSeconds / 2.0, ceilingSeconds);
        }
    }

    [Fact]
    public void Two_deliveries_that_failed_alike_do_not_retry_at_the_same_instant()
    {
        var random = new Random(7);

        var waits = Enumerable.Range(0, 50).Select(_ => WebhookBackoff.After(3, First, Max, random)).ToList();

        Assert.True(waits.Distinct().Count() > 40, "jitter spreads the retries");
    }

    [Fact]
    public void The_wait_grows_on_average_with_each_failure_until_the_ceiling()
    {
        var random = new Random(11);
        double Mean(int failures) => Enumerable.Range(0, 500).Average(_ => WebhookBackoff.After(failures, First, Max, random).TotalSeconds);

        var means = Enumerable.Range(1, 7).Select(Mean).ToList();

        Assert.Equal(means.Order(), means);
    }
}
