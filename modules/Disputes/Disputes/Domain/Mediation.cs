using IpShield.SharedKernel.Persistence;

namespace IpShield.Disputes.Domain;

/// <summary>
/// A mediation on a case, as the Wuhan standard DB4201/T 723-2024 (appendices: consultation record form, mediation flow)
/// asks a workstation to keep it: the consultation that started it (when, and what the enterprise brought), the parties,
/// the mediator from the registry, and whether an agreement was reached. The standard's forms are not public in full; this
/// is the minimal record its flow names (ADR 0021).
/// </summary>
internal sealed class Mediation : IEntity
{
    public const int PartyMax = 200;
    public const int TextMax = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public Guid MediatorId { get; init; }

    /// <summary>The day of the consultation that led to the mediation.</summary>
    public DateOnly ConsultedOn { get; init; }

    /// <summary>The consultation record: the enterprise's request and the facts it gave.</summary>
    public string Consultation { get; init; } = "";
    public string Applicant { get; init; } = "";
    public string Respondent { get; init; } = "";
    public MediationResult Result { get; set; }

    /// <summary>The terms agreed, or why no agreement was reached.</summary>
    public string? Agreement { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Where a mediation stands: under way, or ended with or without an agreement.</summary>
internal enum MediationResult
{
    Mediating,
    AgreementReached,
    NoAgreement,
}
