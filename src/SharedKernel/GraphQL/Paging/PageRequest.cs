using GraphQL;
using IpShield.SharedKernel.GraphQL.Payloads;

namespace IpShield.SharedKernel.GraphQL.Paging;

/// <summary>The Relay paging arguments of one connection field, checked.</summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public bool Backward => Last is not null;

    public int Size => First ?? Last ?? DefaultPageSize;

    public static PageRequest From(IResolveFieldContext context)
    {
        var request = new PageRequest(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"));
        request.Validate();
        return request;
    }

    public void Validate()
    {
        if (First is not null && Last is not null)
        {
            throw new UserInputError(ErrorCodes.InvalidPaging, "Give either first or last, not both.");
        }

        foreach (var (name, value) in new[] { ("first", First), ("last", Last) })
        {
            if (value is < 0 or > MaxPageSize)
            {
                throw new UserInputError(ErrorCodes.InvalidPaging, $"{name} must be between 0 and {MaxPageSize}.");
            }
        }
    }
}
