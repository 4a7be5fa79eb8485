using GraphQL;
using IpShield.SharedKernel.Access;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>The GraphQL user context of one request: the caller's access facts and what validation measured.</summary>
public sealed class RequestUserContext : Dictionary<string, object?>
{
    public required AccessContext Access { get; init; }

    /// <summary>The computed cost of the operation, set by the complexity analyzer during validation.</summary>
    public QueryCost? Cost { get; set; }

    /// <summary>Charges the operation's cost to the calling client's budget; null for callers without one (people).</summary>
    public Func<double, BudgetCharge>? ChargeBudget { get; init; }

    /// <summary>A reconnecting live client's <c>Last-Event-ID</c>: its subscription first replays what came after it.</summary>
    public long? ResumeAfter { get; init; }

    /// <summary>What charging the budget gave, once the cost is known.</summary>
    public BudgetCharge? Budget { get; set; }
}

public sealed record QueryCost(double Complexity, int Depth, int MaxComplexity, int MaxDepth);

public static class ResolveFieldContextAccessExtensions
{
    /// <summary>The access context every resolver runs with.</summary>
    public static AccessContext Access(this IResolveFieldContext context) =>
        context.UserContext is RequestUserContext user
            ? user.Access
            : throw new InvalidOperationException("GraphQL was executed without a RequestUserContext.");
}
