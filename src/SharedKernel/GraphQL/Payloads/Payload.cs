using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Payloads;

/// <summary>What every mutation returns: the result when it succeeded, otherwise the errors and nothing applied.</summary>
public sealed record Payload<T>(T? Result, IReadOnlyList<UserError> Errors)
    where T : class
{
    public static Payload<T> Success(T result) => new(result, []);

    public static Payload<T> Failure(IReadOnlyList<UserError> errors) => new(null, errors);

    public static Payload<T> Failure(UserError error) => new(null, [error]);
}

/// <summary>Base for a mutation's payload type: a named result field plus <c>errors</c>.</summary>
public abstract class PayloadType<TResult, TResultType> : ObjectGraphType<Payload<TResult>>
    where TResult : class
    where TResultType : IGraphType
{
    protected PayloadType(string name, string resultField)
    {
        Name = name;
        Field<TResultType>(resultField)
            .Description("The result; null when there are errors.")
            .Resolve(context => context.Source.Result);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Empty when the mutation was applied.")
            .Resolve(context => context.Source.Errors);
    }
}
