using IpShield.SharedKernel.Persistence;

namespace IpShield.Disputes.Domain;

/// <summary>
/// One dispute of one enterprise: a complaint, takedown, freeze, squatting, suit, seizure or letter, following a stage flow
/// (docs/dispute-flows.md). A matter naming several enterprises is a campaign of cases, one per enterprise, so that each
/// keeps its own stages and timeline. The enterprise is another module's entity and appears as its id;
/// <see cref="WorkstationId"/> and <see cref="ParkId"/> are copies kept from the Enterprises module's settlements for the row
/// rules (ADR 0013), and <see cref="ExpertSubjects"/> the assigned experts' accounts as ",sub," for the expert rule.
/// </summary>
internal sealed class DisputeCase : IEntity
{
    public const int TitleMax = 200;
    public const int PartyMax = 200;
    public const int ListingMax = 500;
    public const int MaxListings = 200;
    public const int MaxRights = 50;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid? WorkstationId { get; set; }
    public Guid? ParkId { get; set; }
    public Guid? CampaignId { get; set; }
    public string Title { get; set; } = "";
    public CaseKind Kind { get; init; }
    public DisputePlatform Platform { get; init; }

    /// <summary>ISO 3166-1 alpha-2 of the market concerned (US for a Schedule A suit, CN for a squatting opposition).</summary>
    public string Market { get; init; } = "";
    public string FlowKey { get; init; } = "";
    public string Stage { get; set; } = "";
    public DateOnly StageEnteredOn { get; set; }
    public DateOnly? StageDueOn { get; set; }

    /// <summary>The stage and due day StageDeadlineApproaching was last raised for (Jobs/StageReminders): once per stage deadline.</summary>
    public string? StageReminderFor { get; set; }
    public DateOnly? StageReminderDueOn { get; set; }

    /// <summary>Marked when the other side acted in bad faith: lifts limits that do not apply then (CN invalidation).</summary>
    public bool BadFaith { get; init; }
    public string? Complainant { get; set; }
    public string? RightAsserted { get; set; }

    /// <summary>The enterprise's own rights concerned, ids of the Portfolios module's IpRight.</summary>
    public List<Guid> ConcernedRightIds { get; set; } = [];

    /// <summary>Listings or stores affected: URLs, ASINs, store names.</summary>
    public List<string> AffectedListings { get; set; } = [];
    public string ExpertSubjects { get; set; } = "";
    public DateOnly OpenedOn { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public CaseOutcome? Outcome { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>
    /// Whether a recovered loss is recorded on the case. The statistics sum recovered losses over these cases only
    /// (ADR 0039): probing the amounts of every closed case of a park cost a lookup per case, most of them finding none.
    /// </summary>
    public bool RecoversLosses { get; private set; }

    public bool IsClosed => Outcome is not null;

    /// <summary>Notes the amounts a write records on the case, which are added with it.</summary>
    public void Records(IEnumerable<CaseAmount> amounts) => RecoversLosses |= amounts.Any(a => a.Kind == AmountKind.LossesRecovered);

    public static string SubjectToken(string subject) => $",{subject},";
}

/// <summary>An entry of a case's timeline: a stage change, a note, an amount, an expert, evidence, who and when.</summary>
internal sealed class TimelineEntry : IEntity
{
    public const int NoteMax = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public TimelineEntryKind Kind { get; init; }
    public string? FromStage { get; init; }
    public string? ToStage { get; init; }

    /// <summary>The day it happened (a notice received on, a brief filed on), which may be before it was recorded.</summary>
    public DateOnly On { get; init; }
    public string? Note { get; init; }

    /// <summary>The recording caller's subject id; null for the anonymous development centre.</summary>
    public string? RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>An amount of money a case records, with its ISO 4217 currency.</summary>
internal sealed class CaseAmount : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public AmountKind Kind { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public DateOnly On { get; init; }
}

/// <summary>Where an enterprise is settled and what it sells where, as last heard from the Enterprises module (ADR 0013).</summary>
internal sealed class EnterpriseProfile
{
    public Guid EnterpriseId { get; init; }
    public Guid? WorkstationId { get; set; }
    public Guid? ParkId { get; set; }
    public DateOnly? SettledOn { get; set; }

    /// <summary>",AE,SA,": "has market X" is one LIKE on both databases, as in the Enterprises module.</summary>
    public string MarketCodes { get; set; } = "";
    public string PlatformCodes { get; set; } = "";

    /// <summary>Product categories in lower case as "|bluetooth headsets|consumer electronics|".</summary>
    public string CategoryCodes { get; set; } = "";
    public DateTimeOffset? ProfileAt { get; set; }
}

/// <summary>A file attached to a case as evidence, stored under its id with the SHA-256 of its content.</summary>
internal sealed class EvidenceFile : IEntity
{
    public const int FileNameMax = 255;
    public const long MaxLength = 50L * 1024 * 1024;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "application/octet-stream";
    public long Length { get; init; }

    /// <summary>Lower-case hex of the SHA-256 of the content, computed when it was received.</summary>
    public string Sha256 { get; init; } = "";
    public string? RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
