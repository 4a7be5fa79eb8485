namespace IpShield.SharedKernel.GraphQL.Http;

public sealed class GraphQLEndpointOptions
{
    /// <summary>Requests larger than this are refused with 413 before any parsing.</summary>
    public int MaxRequestBytes { get; set; } = 1_000_000;

    /// <summary>The page a browser gets on GET /graphql; null disables the IDE.</summary>
    public string? IdeHtml { get; set; }

    /// <summary>Anonymous callers see everything while identity is not part of the platform (docs/adr/0005).</summary>
    public bool AnonymousIsUnrestricted { get; set; }
}
