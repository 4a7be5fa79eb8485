using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>Depth and cost limits for every operation; the computed cost is reported in the response extensions.</summary>
public sealed class QueryLimitOptions
{
    public int MaxDepth { get; set; } = 15;
    public int MaxComplexity { get; set; } = 20_000;
    public int MaxRequestBytes { get; set; } = 1_000_000;
}

internal static class QueryCostRegistration
{
    /// <summary>
    /// The cost analyzer as a validation rule that runs for cached documents too: a page size given as a variable
    /// changes the cost of the same document, and every response reports its cost.
    /// </summary>
    public static IGraphQLBuilder AddQueryCost(this IGraphQLBuilder builder, QueryLimitOptions limits)
    {
        builder.AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true);
        builder.Services.Configure<ComplexityOptions>(complexity => QueryCostModel.Configure(complexity, limits));
        return builder;
    }
}

internal static class QueryCostModel
{
    public const string BudgetExceeded = "BUDGET_EXCEEDED";

    private const double ListMultiplier = 10;

    public static void Configure(ComplexityOptions complexity, QueryLimitOptions limits)
    {
        complexity.MaxDepth = limits.MaxDepth;
        complexity.MaxComplexity = limits.MaxComplexity;
        complexity.DefaultListImpactMultiplier = ListMultiplier;
        complexity.DefaultComplexityImpactDelegate = Impact;
        complexity.ValidateComplexityDelegate = context =>
        {
            if (context.ValidationContext.UserContext is RequestUserContext user)
            {
                user.Cost = new QueryCost(context.TotalImpact, context.MaxDepth, limits.MaxComplexity, limits.MaxDepth);
                // Only an operation within the limits is charged: one refused for its size costs the client nothing.
                if (user.ChargeBudget is { } charge && context.TotalImpact <= limits.MaxComplexity && context.MaxDepth <= limits.MaxDepth)
                {
                    user.Budget = charge(context.TotalImpact);
                    if (!user.Budget.Allowed)
                    {
                        context.ValidationContext.ReportError(new global::GraphQL.Validation.ValidationError(
                            $"This client's query budget ({user.Budget.PerMinute} per minute) is spent; retry after {user.Budget.RetryAfter.TotalSeconds:0} s.")
                        {
                            Code = BudgetExceeded,
                        });
                    }
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// A field costs 1 (leaves 0.1); its children are multiplied by the page size it asks for. Introspection lists
    /// are bounded by the schema, so they are not multiplied: a standard introspection query stays within limits.
    /// </summary>
    private static FieldComplexityResult Impact(FieldImpactContext context)
    {
        var namedType = context.FieldDefinition.ResolvedType?.GetNamedType();
        var fieldImpact = namedType is ScalarGraphType or EnumerationGraphType ? 0.1 : 1;
        var parentName = context.ParentType.Name;
        if (parentName.StartsWith("__", StringComparison.Ordinal) || context.FieldAst.Name.Value.Span.StartsWith("__"))
        {
            return new FieldComplexityResult(fieldImpact, 1);
        }

        if (context.FieldDefinition.Arguments?.Find("first") is not null)
        {
            return new FieldComplexityResult(fieldImpact, PageSize(context.Arguments));
        }

        if (context.Arguments is { } args && args.TryGetValue("ids", out var ids) && ids.Value is System.Collections.ICollection list)
        {
            return new FieldComplexityResult(fieldImpact, Math.Max(1, list.Count));
        }

        // Edges and nodes of a connection are already counted by the page size on the connection field.
        if (parentName.EndsWith("Connection", StringComparison.Ordinal))
        {
            return new FieldComplexityResult(fieldImpact, 1);
        }

        var isList = context.FieldDefinition.ResolvedType is ListGraphType
            || context.FieldDefinition.ResolvedType is NonNullGraphType { ResolvedType: ListGraphType };
        return new FieldComplexityResult(fieldImpact, isList ? ListMultiplier : 1);
    }

    private static double PageSize(IDictionary<string, global::GraphQL.Execution.ArgumentValue>? args)
    {
        foreach (var name in (ReadOnlySpan<string>)["first", "last"])
        {
            if (args is not null && args.TryGetValue(name, out var value) && value.Value is int n)
            {
                return Math.Clamp(n, 1, Paging.PageRequest.MaxPageSize);
            }
        }

        return Paging.PageRequest.DefaultPageSize;
    }
}
