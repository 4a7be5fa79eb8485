namespace IpShield.SharedKernel.GraphQL.Payloads;

/// <summary>Collects the user errors of one input, field by field, so a caller sees all of them at once.</summary>
public sealed class InputCheck
{
    private readonly List<UserError> _errors = [];

    public IReadOnlyList<UserError> Errors => _errors;

    public bool Failed => _errors.Count > 0;

    /// <summary>Checks a text field and returns it trimmed (null when empty and optional).</summary>
    public string? Text(string? value, int maxLength, bool required, params string[] field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                _errors.Add(UserError.Required(field));
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            _errors.Add(new UserError(ErrorCodes.TooLong, $"{field[^1]} is longer than {maxLength} characters.", field));
        }

        return trimmed;
    }

    public Guid? Id(string? globalId, string typeName, bool required, params string[] field)
    {
        if (string.IsNullOrEmpty(globalId))
        {
            if (required)
            {
                _errors.Add(UserError.Required(field));
            }

            return null;
        }

        if (!Relay.GlobalId.TryDecode(globalId, typeName, out var key))
        {
            _errors.Add(new UserError(ErrorCodes.InvalidId, $"{field[^1]} is not the id of a {typeName}.", field));
            return null;
        }

        return key;
    }

    public void Must(bool condition, string code, string message, params string[] field)
    {
        if (!condition)
        {
            _errors.Add(new UserError(code, message, field));
        }
    }

    public void Add(UserError error) => _errors.Add(error);
}
