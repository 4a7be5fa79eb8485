using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IpShield.Portfolios.Deadlines;

/// <summary>
/// What a rule computes, as one hash: every field that moves a date, a state or a surcharge. Only the legal-source text
/// is left out, since correcting a citation computes nothing differently.
/// </summary>
internal static class RuleFingerprint
{
    public const int Length = 64;

    public static string Of(DeadlineRule rule)
    {
        var text = new StringBuilder()
            .Append(rule.Id).Append('|').Append(rule.Task).Append('|').Append(rule.Trigger).Append('|')
            .AppendJoin(',', rule.Kinds.Order()).Append('|').Append(rule.Offset).Append('|')
            .Append(rule.Jurisdiction?.Code).Append('|').Append(rule.Due).Append('|').Append(rule.CountsFromPriority).Append('|')
            .Append(rule.WindowBefore).Append('|').Append(Grace(rule.Grace)).Append('|').Append(Recurrence(rule.Recurrence)).Append('|')
            .Append(rule.Condition).Append('|').AppendJoin(',', rule.ClosedBy.Order()).Append('|').AppendJoin(',', rule.AbortedBy.Order()).Append('|')
            .Append(Day(rule.FiledFrom)).Append('|').Append(Day(rule.FiledBefore));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Grace(GracePeriod? grace) => grace is null ? "" :
        $"{grace.Length};{string.Join(',', grace.Surcharges.Select(s => $"{s.LateBy}={s.Percent.ToString(CultureInfo.InvariantCulture)}"))};{grace.SurchargeNote};{Day(grace.AppliesToDueFrom)}";

    private static string Recurrence(Recurrence? recurrence) => recurrence is null ? "" :
        $"{recurrence.Every};{recurrence.FirstCycle};{recurrence.LastCycle};{recurrence.SkipsCyclesDueByCondition};{recurrence.StopsAtTermEnd}";

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>How a catalogue differs from the rules the stored deadlines were computed with.</summary>
internal sealed record RuleChanges(IReadOnlyList<DeadlineRule> ChangedOrNew, IReadOnlyList<string> Removed)
{
    public bool None => ChangedOrNew.Count == 0 && Removed.Count == 0;

    /// <summary>The rules whose fingerprint is not the one stored under their key, and the stored keys no rule has any more.</summary>
    public static RuleChanges Between(DeadlineRuleCatalogue catalogue, IReadOnlyDictionary<string, string> stored) =>
        new([.. catalogue.Rules.Where(r => !stored.TryGetValue(r.Id, out var fingerprint) || fingerprint != RuleFingerprint.Of(r))],
            [.. stored.Keys.Where(key => catalogue.Rules.All(r => r.Id != key)).Order(StringComparer.Ordinal)]);

    /// <summary>Whether a right of this kind and jurisdiction may get deadlines from a changed rule (its filing date aside).</summary>
    public bool MayTouch(Domain.RightKind kind, string jurisdiction) =>
        ChangedOrNew.Any(r => r.Kinds.Contains(kind) && (r.Jurisdiction is not { } j || j.Code == jurisdiction));
}
