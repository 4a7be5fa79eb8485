using System.Diagnostics;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace IpShield.SharedKernel.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP at one path: POST with JSON and GET with parameters, content negotiation, status codes as the
/// spec says, a request size limit, and the IDE for a browser. GraphQL.NET's server package is not served here.
/// </summary>
public sealed partial class GraphQLHttpEndpoint(
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    GraphQLEndpointOptions options,
    CostBudget budget,
    CostBudgetOptions budgetOptions,
    DocumentCache documents,
    ILogger<GraphQLHttpEndpoint> logger)
{
    private readonly GraphQLHttpRequestReader _reader = new(serializer, options, logger);

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Use GET or POST."), GraphQLMediaTypes.Json);
            return;
        }

        if (HttpMethods.IsGet(request.Method) && options.Ide is { } ide && WantsIde(request))
        {
            await ide.WriteAsync(http);
            return;
        }

        if (http.WebSockets.IsWebSocketRequest)
        {
            await HandleWebSocketAsync(http);
            return;
        }

        if (WantsEventStream(request))
        {
            await HandleEventStreamAsync(http);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", $"Accept {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}."), GraphQLMediaTypes.Json);
            return;
        }

        if (!string.IsNullOrEmpty(request.Headers.Authorization) && http.User.Identity?.IsAuthenticated != true)
        {
            // A token was sent but did not validate (expired, tampered, revoked, wrong audience): never fall back to anonymous.
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status401Unauthorized, AccessValidationRule.Unauthenticated, "The access token is missing, expired, revoked or not meant for this API."), mediaType);
            return;
        }

        var (graphQLRequest, problem) = await _reader.ReadAsync(request, http.RequestAborted);
        if (problem is not null || graphQLRequest is null)
        {
            await WriteProblemAsync(http, problem!, mediaType);
            return;
        }

        var trusted = await ResolveTrustedDocumentAsync(http, graphQLRequest);
        if (trusted is not null)
        {
            await WriteProblemAsync(http, trusted, mediaType);
            return;
        }

        var operation = OperationOf(graphQLRequest);
        if (HttpMethods.IsGet(request.Method) && operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed, "MUTATION_OVER_GET", "Mutations must be sent with POST."), mediaType);
            return;
        }

        if (operation == OperationType.Subscription)
        {
            await WriteProblemAsync(http, new HttpRequestProblem(StatusCodes.Status400BadRequest, SubscriptionNeedsEventStream, $"Subscriptions are served as Server-Sent Events: POST with Accept: {EventStream}."), mediaType);
            return;
        }

        var (result, budgetCharge) = await ExecuteAsync(http, graphQLRequest);
        var status = StatusOf(http, result, budgetCharge, mediaType);
        if (HttpMethods.IsGet(request.Method) && graphQLRequest.DocumentId is not null && status == StatusCodes.Status200OK)
        {
            await WriteCacheableAsync(http, result, mediaType);
            return;
        }

        await WriteResultAsync(http, result, status, mediaType);
    }

    /// <summary>
    /// A client's call of a trusted document by id gets the document's text; a client limited to its trusted documents
    /// may send nothing else (ADR 0014).
    /// </summary>
    private static async Task<HttpRequestProblem?> ResolveTrustedDocumentAsync(HttpContext http, GraphQLRequest request)
    {
        // The centre's own automation (an admin client) has no trusted documents and is never limited to them.
        var client = http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(AccessClaims.ClientKind) is not null
            && !http.User.HasClaim(AccessClaims.Role, PlatformRoles.Admin)
            ? http.User.FindFirst(AccessClaims.Subject)?.Value
            : null;
        if (client is null || http.RequestServices.GetService<ITrustedDocuments>() is not { } store)
        {
            return request.DocumentId is null
                ? null
                : new HttpRequestProblem(StatusCodes.Status400BadRequest, DocumentNotFound, "Trusted documents are registered for machine clients; this caller has none.");
        }

        var trusted = await store.OfClientAsync(client, http.RequestAborted);
        if (request.DocumentId is { } id)
        {
            if (!trusted.Documents.TryGetValue(id, out var document))
            {
                return new HttpRequestProblem(StatusCodes.Status400BadRequest, DocumentNotFound, "No trusted document with this id is registered for this client.");
            }

            request.Query = document;
            return null;
        }

        return trusted.Only
            ? new HttpRequestProblem(StatusCodes.Status403Forbidden, TrustedDocumentsOnly, "This client may send only its trusted documents, by documentId.")
            : null;
    }

    /// <summary>
    /// A trusted document read over GET: the ETag is the hash of the answer, so it changes exactly when the data shown
    /// changes, and a client revalidating with If-None-Match gets 304 and no body until then.
    /// </summary>
    private async Task WriteCacheableAsync(HttpContext http, ExecutionResult result, string mediaType)
    {
        using var body = new MemoryStream();
        await serializer.WriteAsync(body, result, http.RequestAborted);
        var etag = $"\"{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)))[..27].Replace('+', '-').Replace('/', '_')}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.Vary = "Authorization";
        if (http.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*")))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        body.Position = 0;
        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    public const string DocumentNotFound = "DOCUMENT_NOT_FOUND";
    public const string TrustedDocumentsOnly = "TRUSTED_DOCUMENTS_ONLY";

    private static int StatusOf(HttpContext http, ExecutionResult result, BudgetCharge? budgetCharge, string mediaType)
    {
        if (!result.Executed && result.Errors is { Count: > 0 } errors)
        {
            if (budgetCharge is { Allowed: false } spent)
            {
                http.Response.Headers.RetryAfter = ((int)spent.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return StatusCodes.Status429TooManyRequests;
            }

            // Access refused before resolution: 401 asks for credentials, 403 says they do not suffice (ADR 0008).
            if (errors.Any(e => e.Code == AccessValidationRule.Unauthenticated))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return StatusCodes.Status401Unauthorized;
            }

            if (errors.All(e => e.Code == AccessValidationRule.Forbidden))
            {
                return StatusCodes.Status403Forbidden;
            }
        }

        // With the spec's media type, a request that never reached execution (parse, validation, variables) is a 400.
        return mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
    }

    /// <summary>Runs the operation; also hands back what charging the client's budget gave (null for people).</summary>
    private async Task<(ExecutionResult Result, BudgetCharge? Budget)> ExecuteAsync(
        HttpContext http, GraphQLRequest request, long? resumeAfter = null, CancellationToken? cancellation = null)
    {
        var access = AccessContext.FromPrincipal(http.User);
        var userContext = new RequestUserContext
        {
            Access = access,
            ChargeBudget = access.Kind == CallerKind.Client && !access.IsAdmin && access.SubjectId is { } client
                ? cost => budget.Charge(client, BudgetOf(http.User), cost)
                : null,
            ResumeAfter = resumeAfter,
        };
        // Changes saved while this request runs are audited under its caller.
        using var actor = Auditing.AuditActor.Begin(userContext.Access);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            UserContext = userContext,
            CancellationToken = cancellation ?? http.RequestAborted,
        });

        if (userContext.Cost is { } cost)
        {
            result.Extensions ??= [];
            result.Extensions["cost"] = new Dictionary<string, object>
            {
                ["complexity"] = Math.Round(cost.Complexity, 2),
                ["depth"] = cost.Depth,
                ["maxComplexity"] = cost.MaxComplexity,
                ["maxDepth"] = cost.MaxDepth,
            };
        }

        if (userContext.Cost is not null && userContext.Budget is { } charge)
        {
            ((Dictionary<string, object>)result.Extensions!["cost"]!)["budget"] = new Dictionary<string, object>
            {
                ["perMinute"] = charge.PerMinute,
                ["remaining"] = Math.Floor(charge.Remaining),
            };
        }

        return (result, userContext.Budget);
    }

    /// <summary>A client's own budget (from its registration, carried in its token), or the default one.</summary>
    private int BudgetOf(System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AccessClaims.CostBudget)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var own) && own > 0
            ? own
            : budgetOptions.DefaultCostPerMinute;

    private static bool WantsIde(HttpRequest request) =>
        !request.Query.ContainsKey("query")
        && request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private OperationType? OperationOf(GraphQLRequest request)
    {
        // A document seen before is not parsed again just to tell a query from a mutation.
        if (request.Query is not { } query)
        {
            return null; // the executer reports the missing query
        }

        var document = documents.Find(query);
        try
        {
            document ??= Parser.Parse(query);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null; // the executer reports the syntax error
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return operation?.Operation;
    }

    private Task WriteProblemAsync(HttpContext http, HttpRequestProblem problem, string mediaType)
    {
        LogRequestRefused(logger, problem.StatusCode, problem.Code);
        var error = new ExecutionError(problem.Message) { Code = problem.Code };
        return WriteResultAsync(http, new ExecutionResult(error) { Executed = false }, problem.StatusCode, mediaType);
    }

    private async Task WriteResultAsync(HttpContext http, ExecutionResult result, int status, string mediaType)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        if (Activity.Current?.TraceId.ToString() is { } traceId)
        {
            http.Response.Headers["trace-id"] = new StringValues(traceId);
        }

        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL request refused with {Status} {Code}")]
    private static partial void LogRequestRefused(ILogger logger, int status, string code);
}
