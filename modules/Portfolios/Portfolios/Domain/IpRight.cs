using IpShield.SharedKernel.Persistence;

namespace IpShield.Portfolios.Domain;

/// <summary>How a mark is presented (a mark's type in the register).</summary>
internal enum MarkForm
{
    Word,
    Figurative,
    Combined,
}

/// <summary>Where a right stands in its life, moved on by the events recorded for it.</summary>
internal enum RightStatus
{
    /// <summary>A filing the enterprise plans (a filing plan) and has not made yet.</summary>
    Planned,
    Filed,
    Published,
    Opposed,
    Registered,

    /// <summary>In force after at least one renewal.</summary>
    Renewed,
    Lapsed,
    Abandoned,
    Withdrawn,
    Refused,
    Invalidated,
    Expired,
}

/// <summary>
/// A trademark, patent, design or copyright of an enterprise in one jurisdiction. The enterprise is another module's
/// entity and appears as its id; <see cref="WorkstationId"/> is where it is settled, kept from the Enterprises module's
/// settlements for the row rules (ADR 0013).
/// </summary>
internal sealed class IpRight : IEntity
{
    public const int NameMax = 200;
    public const int NumberMax = 50;
    public const int AgentMax = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid? WorkstationId { get; set; }
    public RightKind Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2, <c>EU</c> or <c>WO</c> (see <see cref="Jurisdiction"/>).</summary>
    public string Jurisdiction { get; init; } = "";

    /// <summary>The mark's text, or the title of a patent, design or work.</summary>
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public string? NameAr { get; set; }
    public MarkForm? MarkForm { get; set; }

    /// <summary>Nice classes of a mark (1–45), ascending.</summary>
    public List<int> NiceClasses { get; set; } = [];

    /// <summary>The goods or services a mark covers, per Nice class, in the words of the application.</summary>
    public List<NiceClassGoods> Goods { get; set; } = [];

    /// <summary>A filing plan's target day for filing (status planned).</summary>
    public DateOnly? PlannedFilingOn { get; set; }
    public string? ApplicationNumber { get; set; }
    public string? RegistrationNumber { get; set; }
    public DateOnly? FiledOn { get; set; }
    public DateOnly? PriorityOn { get; set; }
    public DateOnly? PublishedOn { get; set; }

    /// <summary>Registration of a mark; grant of a patent or design.</summary>
    public DateOnly? RegisteredOn { get; set; }
    public string? Agent { get; set; }
    public RightStatus Status { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
    public int Version { get; set; }

    public IpRightFacts Facts(IEnumerable<IpRightEvent> history) =>
        new(Kind, Domain.Jurisdiction.Parse(Jurisdiction))
        {
            FiledOn = FiledOn,
            EarliestPriorityOn = PriorityOn,
            PublishedOn = PublishedOn,
            RegisteredOn = RegisteredOn,
            Events = [.. history.Select(e => new RecordedEvent(e.Kind, e.OccurredOn))],
        };
}

/// <summary>An event in a right's dated history, and who recorded it when.</summary>
internal sealed class IpRightEvent : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RightId { get; init; }
    public LifecycleEventKind Kind { get; init; }
    public DateOnly OccurredOn { get; init; }

    /// <summary>For a Madrid registration: the designated country the event concerns; null for the right as a whole.</summary>
    public string? Designation { get; init; }

    /// <summary>The status the right (or the designation) had after this event.</summary>
    public RightStatus? StatusAfter { get; init; }

    /// <summary>The recording caller's subject id; null for the anonymous development centre.</summary>
    public string? RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The goods or services a mark covers in one Nice class.</summary>
internal sealed record NiceClassGoods(int NiceClass, string Terms)
{
    public const int TermsMax = 2000;
}

/// <summary>
/// A country designated in a WIPO Madrid international registration (jurisdiction <c>WO</c>): each designated office
/// examines the mark on its own, so each designation has its own status (Madrid Protocol art. 3bis, 5).
/// </summary>
internal sealed class Designation : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RightId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country, or <c>EU</c> for the European Union.</summary>
    public string Country { get; init; } = "";
    public RightStatus Status { get; set; }

    /// <summary>The day of the event that set the status.</summary>
    public DateOnly ChangedOn { get; set; }
}

/// <summary>Where an enterprise is settled, as last heard from the Enterprises module (ADR 0013).</summary>
internal sealed class EnterprisePlacement
{
    public Guid EnterpriseId { get; init; }
    public Guid WorkstationId { get; set; }

    /// <summary>The park of the workstation (null for placements heard before it was kept).</summary>
    public Guid? ParkId { get; set; }
    public DateOnly SettledOn { get; set; }
}

/// <summary>
/// An enterprise's target markets and sales platforms, as last heard from the Enterprises module
/// (<c>EnterpriseSalesProfileChanged</c>), for the coverage of its marks.
/// </summary>
internal sealed class EnterpriseMarkets
{
    public Guid EnterpriseId { get; init; }
    public List<string> TargetMarkets { get; set; } = [];
    public List<string> SalesPlatforms { get; set; } = [];

    /// <summary>When the Enterprises module changed them: a late, older event does not overwrite a newer one.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A park's rights of one kind and status in one jurisdiction, and the settled enterprises holding them (ADR 0032): the
/// summary the park's statistics read instead of every right. Kept by <see cref="Persistence.ParkRightsSummary"/> in the
/// transaction of every save that records or changes a right or moves an enterprise between parks.
/// </summary>
internal sealed class ParkRightGroup
{
    public Guid ParkId { get; init; }
    public RightKind Kind { get; init; }
    public RightStatus Status { get; init; }
    public string Jurisdiction { get; init; } = string.Empty;
    public int Rights { get; init; }

    /// <summary>Distinct enterprises with at least one such right; a row left at 0 is an empty group.</summary>
    public int Enterprises { get; init; }
}

/// <summary>A park's rights and the settled enterprises holding at least one (ADR 0032), kept with <see cref="ParkRightGroup"/>.</summary>
internal sealed class ParkRightHolders
{
    public Guid ParkId { get; init; }
    public int Rights { get; init; }
    public int Holders { get; init; }
}
