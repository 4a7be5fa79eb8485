using IpShield.SharedKernel.Web;

namespace IpShield.SharedKernel.GraphQL.Http;

public sealed class GraphQLEndpointOptions
{
    /// <summary>Requests larger than this are refused with 413 before any parsing.</summary>
    public int MaxRequestBytes { get; set; } = 1_000_000;

    /// <summary>The limit for a multipart request carrying files (GraphQL multipart request spec); its operations part still obeys <see cref="MaxRequestBytes"/>.</summary>
    public long MaxUploadBytes { get; set; } = 110L * 1024 * 1024;

    /// <summary>Where uploaded files are streamed while their request runs.</summary>
    public string UploadFolder { get; set; } = Path.Combine(Path.GetTempPath(), "ipshield-uploads");

    /// <summary>The page a browser gets on GET /graphql; null disables the IDE.</summary>
    public HtmlPage? Ide { get; set; }

    /// <summary>
    /// Whether callers without a token may run <c>__schema</c> and <c>__type</c> (true in Development only, by default).
    /// <c>__typename</c> always answers, and the SDL stays published at /graphql/schema.graphql.
    /// </summary>
    public bool AnonymousIntrospection { get; set; }
}
