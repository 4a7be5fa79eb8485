using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.SharedKernel.Tests;

public sealed class GlobalIdTests
{
    [Fact]
    public void An_id_decodes_back_to_its_type_and_key()
    {
        var key = Guid.CreateVersion7();

        var id = GlobalId.Encode("Workstation", key);

        Assert.True(GlobalId.TryDecode(id, out var type, out var decoded));
        Assert.Equal("Workstation", type);
        Assert.Equal(key, decoded);
        Assert.DoesNotContain(key.ToString("N"), id, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("V29ya3N0YXRpb24")] // "Workstation" without a key
    [InlineData("V29ya3N0YXRpb246bm90LWEtZ3VpZA")] // "Workstation:not-a-guid"
    public void Anything_not_issued_by_the_platform_is_refused(string? id)
    {
        Assert.False(GlobalId.TryDecode(id, out _, out _));
    }

    [Fact]
    public void An_id_of_another_type_is_refused_where_a_type_is_expected()
    {
        var id = GlobalId.Encode("Park", Guid.CreateVersion7());

        Assert.False(GlobalId.TryDecode(id, "Workstation", out _));
        Assert.True(GlobalId.TryDecode(id, "Park", out _));
    }

    [Fact]
    public void An_overlong_id_is_refused_without_decoding()
    {
        Assert.False(GlobalId.TryDecode(new string('A', 10_000), out _, out _));
    }
}
