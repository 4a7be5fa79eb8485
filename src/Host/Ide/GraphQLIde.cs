using IpShield.SharedKernel.Web;
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

    /// <summary>
    /// GraphiQL plus a "Sign in" button that runs the authorization code flow with PKCE against the platform's own
    /// OpenID Connect server (public client <c>ipshield-web</c>, redirect back to /graphql), keeping the access token in
    /// the tab's session storage and sending it as a bearer token.
    /// </summary>
    private const string Html = $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>IP Shield · GraphQL</title>
          <link rel="stylesheet" href="{{AssetPath}}/graphiql.css" />
          <style>
            body { margin: 0 }
            #graphiql { height: 100vh }
            #signin { position: fixed; top: 8px; right: 12px; z-index: 10; font: 13px sans-serif; background: #fff; padding: 4px 8px; border-radius: 6px; box-shadow: 0 1px 4px #0003; }
            #signin button { margin-left: 6px; }
          </style>
        </head>
        <body>
          <div id="signin"><span id="who">Not signed in: queries answer UNAUTHENTICATED.</span><button id="login">Sign in</button><button id="logout" hidden>Sign out</button></div>
          <div id="graphiql">Loading the GraphQL IDE…</div>
          <script src="{{AssetPath}}/react.js"></script>
          <script src="{{AssetPath}}/react-dom.js"></script>
          <script src="{{AssetPath}}/graphiql.js"></script>
          <script>{{Script}}</script>
        </body>
        </html>
        """;

    /// <summary>The page's own code: sign-in with PKCE, then GraphiQL with the token. Admitted by its hash, nothing else inline is.</summary>
    private const string Script = """

        const clientId = 'ipshield-web';
        const redirectUri = location.origin + '/graphql';
        const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));

        async function signIn() {
          const verifier = random(), state = random();
          sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
          const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
          location.href = '/connect/authorize?' + new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri,
            scope: 'openid offline_access api', code_challenge: challenge, code_challenge_method: 'S256', state });
        }

        async function completeSignIn() {
          const query = new URLSearchParams(location.search);
          const pkce = JSON.parse(sessionStorage.getItem('pkce') || 'null');
          if (!query.has('code') || !pkce || query.get('state') !== pkce.state) return;
          sessionStorage.removeItem('pkce');
          const response = await fetch('/connect/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId,
            code: query.get('code'), redirect_uri: redirectUri, code_verifier: pkce.verifier }) });
          const token = await response.json();
          if (token.access_token) sessionStorage.setItem('access_token', token.access_token);
          history.replaceState(null, '', '/graphql');
        }

        function showUser() {
          const token = sessionStorage.getItem('access_token');
          let who = 'Not signed in: queries answer UNAUTHENTICATED.';
          if (token) {
            try { const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); who = 'Signed in as ' + (claims.name || claims.sub); }
            catch { who = 'Signed in.'; }
          }
          document.getElementById('who').textContent = who;
          document.getElementById('login').hidden = !!token;
          document.getElementById('logout').hidden = !token;
        }

        document.getElementById('login').onclick = signIn;
        document.getElementById('logout').onclick = () => { sessionStorage.removeItem('access_token'); showUser(); };
        const defaultQuery = `# Who you are, and the city's IP-protection network as one graph (sign in first, top right)
        query Workstations {
          viewer { kind displayName roles workstations { name } }
          workstations(first: 10) {
            totalCount
            nodes {
              id name level openedOn park { name district }
              latestServiceRecords(count: 3) { occurredOn kind topic enterprise { nameZh } }
              enterprises(first: 5) { totalCount nodes { nameZh targetMarkets salesPlatforms park { name } } }
            }
          }
        }
        `;
        completeSignIn().catch(console.error).finally(() => {
          showUser();
          const fetcher = GraphiQL.createFetcher({ url: '/graphql', fetch: (url, init) => {
            const token = sessionStorage.getItem('access_token');
            const headers = { ...(init && init.headers), ...(token ? { Authorization: 'Bearer ' + token } : {}) };
            return fetch(url, { ...init, headers });
          } });
          ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
        });
        """;

    /// <summary>
    /// Scripts: the local assets and the page's own code (by hash). Styles may be inline: GraphiQL adds style elements as
    /// it runs. Fonts and icons are data: URIs inside graphiql.css. Requests go to this host only (/graphql, /connect/token).
    /// </summary>
    public static readonly HtmlPage Page = new(Html,
        $"default-src 'none'; script-src 'self' {HtmlPage.InlineSource(Script)}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"font-src 'self' data:; connect-src 'self'; form-action 'none'; {HtmlPage.Baseline}");

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
