namespace IpShield.Training.Contracts;

/// <summary>The GraphQL type names behind the Training module's global ids, for modules that refer to a session or a registration.</summary>
public static class TrainingGlobalIds
{
    public const string TrainingSession = "TrainingSession";
    public const string TrainingRegistration = "TrainingRegistration";
}
