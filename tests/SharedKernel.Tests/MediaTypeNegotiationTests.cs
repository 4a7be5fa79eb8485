using IpShield.SharedKernel.GraphQL.Http;

namespace IpShield.SharedKernel.Tests;

public sealed class MediaTypeNegotiationTests
{
    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json;q=0.5, application/json", "application/json")]
    [InlineData("application/json;charset=utf-8", "application/json")]
    [InlineData("application/json;charset=latin1", null)]
    [InlineData("text/html", null)]
    [InlineData("application/json;q=0", null)]
    public void The_response_media_type_follows_the_Accept_header(string? accept, string? expected)
    {
        var headers = accept is null ? null : new List<string> { accept };

        Assert.Equal(expected, GraphQLMediaTypes.Negotiate(headers));
    }
}
