using Microsoft.Extensions.FileProviders;

namespace IpShield.Host.Ide;

/// <summary>
/// The offline GraphiQL page a browser gets on GET /graphql, and the four files it loads from the npm install
/// in <c>ide/node_modules</c>. No CDN: workstation networks are not always on the open internet.
/// </summary>
internal static class GraphQLIde
{
    public const string AssetPath = "/graphql/ide";

    private static readonly Dictionary<string, (string File, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["react.js"] = ("react/umd/react.production.min.js", "text/javascript"),
        ["react-dom.js"] = ("react-dom/umd/react-dom.production.min.js", "text/javascript"),
        ["graphiql.js"] = ("graphiql/graphiql.min.js", "text/javascript"),
        ["graphiql.css"] = ("graphiql/graphiql.min.css", "text/css"),
    };

    public const string Html = $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>IP Shield · GraphQL</title>
          <link rel="stylesheet" href="{{AssetPath}}/graphiql.css" />
        </head>
        <body style="margin:0">
          <div id="graphiql" style="height:100vh">Loading the GraphQL IDE…</div>
          <script src="{{AssetPath}}/react.js"></script>
          <script src="{{AssetPath}}/react-dom.js"></script>
          <script src="{{AssetPath}}/graphiql.js"></script>
          <script>
            const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
            const defaultQuery = `# Workstations of the city's IP-protection network
        query Workstations {
          workstations(first: 10) {
            totalCount
            nodes { id name level openedOn park { name district } latestServiceRecords(count: 3) { occurredOn kind topic } }
          }
        }
        `;
            ReactDOM.createRoot(document.getElementById('graphiql'))
              .render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
          </script>
        </body>
        </html>
        """;

    public static void MapGraphQLIdeAssets(this IEndpointRouteBuilder endpoints, string contentRoot)
    {
        var files = new PhysicalFileProvider(Path.Combine(contentRoot, "ide", "node_modules"));
        endpoints.MapGet($"{AssetPath}/{{name}}", (string name) =>
        {
            if (!Assets.TryGetValue(name, out var asset) || files.GetFileInfo(asset.File) is not { Exists: true, PhysicalPath: { } path })
            {
                return Results.NotFound();
            }

            return Results.File(path, asset.ContentType);
        });
    }
}
