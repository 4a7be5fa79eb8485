using IpShield.SharedKernel.Mail;

namespace IpShield.SharedKernel.Tests;

/// <summary>Links in mail that act without signing in: only the signed person and purpose are accepted.</summary>
public sealed class MailLinksTests
{
    private static readonly MailLinks Links = new(new MailOptions { PublicUrl = "https://shield.example.cn/", LinkKey = "a key of at least thirty-two characters, for tests" });
    private static readonly Guid Person = Guid.CreateVersion7();

    [Fact]
    public void A_token_names_the_person_it_was_signed_for()
    {
        Assert.True(Links.TryVerify("digest-off", Links.Token("digest-off", Person), out var person));
        Assert.Equal(Person, person);
    }

    [Fact]
    public void A_link_is_the_public_address_the_path_and_the_token() =>
        Assert.Equal($"https://shield.example.cn/mail/off?token={Links.Token("digest-off", Person)}", Links.Link("/mail/off", "digest-off", Person));

    [Fact]
    public void A_token_for_another_purpose_or_under_another_key_is_refused()
    {
        var other = new MailLinks(new MailOptions { LinkKey = "another key of at least thirty-two characters" });

        Assert.False(Links.TryVerify("training-off", Links.Token("digest-off", Person), out _));
        Assert.False(other.TryVerify("digest-off", Links.Token("digest-off", Person), out _));
    }

    [Fact]
    public void A_token_with_another_persons_id_put_in_is_refused()
    {
        var token = Links.Token("digest-off", Person);
        var forged = System.Buffers.Text.Base64Url.EncodeToString([.. Guid.CreateVersion7().ToByteArray(), .. System.Buffers.Text.Base64Url.DecodeFromChars(token)[16..]]);

        Assert.False(Links.TryVerify("digest-off", forged, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused(string? token) => Assert.False(Links.TryVerify("digest-off", token, out _));
}
