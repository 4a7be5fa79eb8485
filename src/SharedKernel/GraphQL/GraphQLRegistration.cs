using System.Reflection;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Telemetry;
using GraphQL.Types;
using GraphQLParser.AST;
using IpShield.SharedKernel.GraphQL.DataLoading;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IpShield.SharedKernel.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The platform's GraphQL engine: one schema, cost limits, document cache, masked errors, data loaders.</summary>
    public static IServiceCollection AddPlatformGraphQL(this IServiceCollection services, QueryLimitOptions limits, GraphQLEndpointOptions endpoint)
    {
        services.AddSingleton(limits);
        services.AddSingleton(endpoint);
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<CostBudget>();
        services.TryAddSingleton(new CostBudgetOptions());
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddScoped<RequestDataLoaders>();
        services.AddSingleton<IQueryFieldContribution, NodeFields>();
        services.AddSingleton<IQueryFieldContribution, Viewer.ViewerQuery>();
        services.AddGraphTypesFrom(typeof(GraphQLRegistration).Assembly);
        services.TryAddTransient(typeof(Paging.ConnectionType<,>));
        services.TryAddTransient(typeof(Paging.EdgeType<,>));
        services.TryAddTransient(typeof(Filtering.EnumFilterInputType<,>));
        services.TryAddTransient(typeof(Lists.ListFilterType<,>));
        services.TryAddTransient(typeof(Lists.ListOrderType<,>));
        services.TryAddTransient(typeof(Lists.ListOrderFieldType<,>));

        services.AddGraphQL(builder => builder
            .AddSchema<PlatformSchema>()
            // Chinese and Arabic names stay readable in responses instead of \uXXXX escapes.
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All))
            .AddErrorInfoProvider<MaskedErrorInfoProvider>()
            // A span per operation (ActivitySource "GraphQL", operation name and type), a child of the request's span. The
            // document is not recorded: literals in it may be passwords (createPerson) or personal data.
            .UseTelemetry((GraphQLTelemetryOptions telemetry) => telemetry.RecordDocument = false)
            // Authorization metadata is checked on every request, cached document or not: the caller differs each time.
            .AddValidationRule<AccessValidationRule>(useForCachedDocuments: true)
            .AddQueryCost(limits)
            // Resolvers share the request's DbContext; serial execution keeps them off it at the same time (loaders made
            // with RequestDataLoaders.Concurrent fetch in scopes of their own and may overlap: ADR 0034).
            // Batching does not suffer: data loaders still fetch a whole level at once.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            // Each event of a subscription runs in its own service scope, serially (ADR 0022).
            .AddExecutionStrategy<LiveSubscriptionExecutionStrategy>(OperationType.Subscription)
            .ConfigureExecution<DocumentCache>(sp => sp.GetRequiredService<DocumentCache>())
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("IpShield.GraphQL");
                if (logger is not null)
                {
                    LogUnhandled(logger, context.OriginalException);
                }
            }));
        return services;
    }

    /// <summary>Registers every concrete graph type of an assembly, public or internal.</summary>
    public static IServiceCollection AddGraphTypesFrom(this IServiceCollection services, Assembly assembly)
    {
        // Type extensions are graph types only to declare fields; the schema moves their fields onto the extended type.
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
            && typeof(IGraphType).IsAssignableFrom(t) && !typeof(TypeExtension).IsAssignableFrom(t)))
        {
            services.TryAddTransient(type);
        }

        return services;
    }

    /// <summary>Maps the GraphQL-over-HTTP endpoint (all methods: the endpoint itself answers 405 where due).</summary>
    public static IEndpointConventionBuilder MapPlatformGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.Map(pattern, (HttpContext http) => http.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http));

    private static void LogUnhandled(ILogger logger, Exception exception) =>
        logger.LogError(exception, "Unhandled exception while executing GraphQL");
}
