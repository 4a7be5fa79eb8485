using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Schema;

/// <summary>A module's root query fields. The host composes all contributions into one schema.</summary>
public interface IQueryFieldContribution
{
    void AddQueryFields(ObjectGraphType query);
}

/// <summary>A module's root mutation fields.</summary>
public interface IMutationFieldContribution
{
    void AddMutationFields(ObjectGraphType mutation);
}

/// <summary>A module's root subscription fields (ADR 0022): each streams stored live events under a policy.</summary>
public interface ISubscriptionFieldContribution
{
    void AddSubscriptionFields(ObjectGraphType subscription);
}
