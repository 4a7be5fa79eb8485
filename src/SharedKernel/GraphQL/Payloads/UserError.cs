using GraphQL;
using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Payloads;

/// <summary>An error the caller can fix, returned as data: a stable code, a message and the input field it concerns.</summary>
public sealed record UserError(string Code, string Message, IReadOnlyList<string>? Field = null)
{
    public static UserError Required(params string[] field) => new(ErrorCodes.Required, $"{field[^1]} is required.", field);

    public static UserError NotFound(string what, params string[] field) => new(ErrorCodes.NotFound, $"{what} does not exist.", field);
}

/// <summary>The error codes clients can rely on.</summary>
public static class ErrorCodes
{
    public const string Required = "REQUIRED";
    public const string Invalid = "INVALID";
    public const string TooLong = "TOO_LONG";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string Duplicate = "DUPLICATE";
    public const string InvalidId = "INVALID_ID";
    public const string InvalidState = "INVALID_STATE";
    public const string InvalidFilter = "INVALID_FILTER";
    public const string InvalidPaging = "INVALID_PAGING";
    public const string Forbidden = "FORBIDDEN";
}

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Something in the input the caller can fix. Nothing of the mutation was applied.";
        Field(e => e.Code).Description("A stable code: REQUIRED, INVALID, TOO_LONG, NOT_FOUND, CONFLICT, DUPLICATE, INVALID_ID, INVALID_STATE, FORBIDDEN.");
        Field(e => e.Message).Description("A sentence for a person.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description("The path of the input field concerned, when there is one.")
            .Resolve(c => c.Source.Field);
    }
}

/// <summary>
/// A query argument the caller got wrong (a filter, a page size, an id): a GraphQL error with a code, never a 500.
/// </summary>
public sealed class UserInputError : ExecutionError
{
    public UserInputError(string code, string message)
        : base(message)
    {
        Code = code;
    }
}
