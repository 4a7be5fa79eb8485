using IpShield.Enterprises.Contracts;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;

namespace IpShield.Enterprises.Domain;

/// <summary>An exporter, keyed by its unified social credit code, and where it is settled.</summary>
internal sealed class Enterprise : IEntity
{
    public const int NameMax = 200;
    public const int CategoryMax = 100;
    public const int MaxCategories = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string CreditCode { get; init; }
    public required string NameZh { get; set; }
    public string? NameEn { get; set; }
    public LegalForm LegalForm { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public Guid? ParkId { get; private set; }
    public Guid? WorkstationId { get; private set; }
    public DateOnly? SettledOn { get; private set; }

    /// <summary>Market codes as ",AE,SA,": delimited at both ends so "has market X" is one LIKE, on MariaDB and SQLite.</summary>
    public string MarketCodes { get; private set; } = string.Empty;

    /// <summary>Platforms as ",Noon,Amazon,", for the same reason.</summary>
    public string PlatformCodes { get; private set; } = string.Empty;

    public List<string> ProductCategories
    {
        get => _productCategories;
        set
        {
            _marketsChanged |= !_productCategories.SequenceEqual(value);
            _productCategories = value;
        }
    }

    private List<string> _productCategories = [];

    /// <summary>
    /// A digest of what the park statistics group enterprises by: legal form, markets, platforms and categories (equal
    /// profiles, equal keys). Stored and indexed with the park, so a park's profiles are counted from the index instead
    /// of grouping its records by lists too long to index (ADR 0035). Derived, never set: EF and the import's bulk
    /// writers store what this getter computes from the profile, so the column cannot fall behind it.
    /// </summary>
    public string ProfileKey
    {
        get => EnterpriseProfileKey.Of(LegalForm, MarketCodes, PlatformCodes, _productCategories);
        private set { } // EF sets the stored column when it reads a record; the key is always the profile's own
    }

    /// <summary>Optimistic concurrency: every change raises it, and a change based on an older one is refused.</summary>
    public int Version { get; private set; } = 1;

    public DateTimeOffset UpdatedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Integration events raised by changes not yet saved (the outbox picks them up with the save).</summary>
    public List<IntegrationEvent> Events { get; } = [];

    public IReadOnlyList<string> TargetMarkets
    {
        get => Split(MarketCodes);
        set
        {
            var codes = Join(value);
            _marketsChanged |= codes != MarketCodes;
            MarketCodes = codes;
        }
    }

    public IReadOnlyList<SalesPlatform> SalesPlatforms
    {
        get => [.. Split(PlatformCodes).Select(Enum.Parse<SalesPlatform>)];
        set
        {
            var codes = Join(value.Select(p => p.ToString()));
            _marketsChanged |= codes != PlatformCodes;
            PlatformCodes = codes;
        }
    }

    /// <summary>
    /// Markets, platforms or categories changed since the last event about them: Portfolios measures coverage against them,
    /// Disputes targets risk warnings with them.
    /// </summary>
    private bool _marketsChanged;

    public static string MarketToken(string market) => $",{market},";

    public static string PlatformToken(SalesPlatform platform) => $",{platform},";

    public static string Join(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? string.Empty : $",{string.Join(',', distinct)},";
    }

    public void Registered(DateTimeOffset now)
    {
        Events.Add(new EnterpriseRegistered(Id, CreditCode, NameZh, NameEn) { OccurredAt = now });
        AnnounceMarkets(now);
    }

    /// <summary>A new record settled from the start (an importer client's records go to its workstation).</summary>
    public void SettledAtRegistration(Guid parkId, Guid workstationId, DateOnly settledOn, DateTimeOffset now)
    {
        Events.Add(new EnterpriseSettled(Id, parkId, workstationId, settledOn, null, null) { OccurredAt = now });
        ParkId = parkId;
        WorkstationId = workstationId;
        SettledOn = settledOn;
    }

    public void SettleIn(Guid parkId, Guid workstationId, DateOnly settledOn, DateTimeOffset now)
    {
        Events.Add(new EnterpriseSettled(Id, parkId, workstationId, settledOn, ParkId, WorkstationId) { OccurredAt = now });
        ParkId = parkId;
        WorkstationId = workstationId;
        SettledOn = settledOn;
        Touch(now);
    }

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        AnnounceMarkets(now);
    }

    private void AnnounceMarkets(DateTimeOffset now)
    {
        if (_marketsChanged)
        {
            Events.Add(new EnterpriseSalesProfileChanged(Id, TargetMarkets, [.. SalesPlatforms.Select(p => p.ToString())], [.. ProductCategories]) { OccurredAt = now });
            _marketsChanged = false;
        }
    }

    private static List<string> Split(string codes) => [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>A person to talk to at an enterprise: personal data, shown only to those the access rules allow.</summary>
internal sealed class Contact : IEntity
{
    public const int NameMax = 100;
    public const int RoleMax = 100;
    public const int PhoneMax = 40;
    public const int EmailMax = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

/// <summary>Units sold (and optionally revenue) in one calendar month, across platforms.</summary>
internal sealed class MonthlySales : IEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; init; }

    public long Units { get; set; }
    public decimal? Revenue { get; set; }
    public string? Currency { get; set; }
}

/// <summary>An enterprise's IP-compliance certification on one sales platform.</summary>
internal sealed class PlatformCertification : IEntity
{
    public const int CertificateNumberMax = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public SalesPlatform Platform { get; init; }
    public CertificationStatus Status { get; private set; } = CertificationStatus.NotStarted;
    public DateOnly? StartedOn { get; private set; }
    public DateOnly? CertifiedOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public string? CertificateNumber { get; private set; }

    /// <summary>
    /// The park the enterprise is settled in (null when it is not): a copy of the enterprise's, stamped on a new
    /// certification and moved with the enterprise in the same save (<see cref="Persistence.CertificationParks"/>), so
    /// that a park's certifications are counted from this table's indexes alone.
    /// </summary>
    public Guid? ParkId { get; set; }

    /// <summary>The status as of a day: a certificate past its expiry date counts as expired without anyone recording it.</summary>
    public CertificationStatus StatusOn(DateOnly today) =>
        Status == CertificationStatus.Certified && ExpiresOn is { } expires && expires < today ? CertificationStatus.Expired : Status;

    public CertificationStatusChanged ChangeTo(CertificationStatus status, DateOnly on, DateOnly? expiresOn, string? certificateNumber, DateTimeOffset now)
    {
        var previous = Status;
        Status = status;
        switch (status)
        {
            case CertificationStatus.InProgress:
                StartedOn = on;
                break;
            case CertificationStatus.Certified:
                StartedOn ??= on;
                CertifiedOn = on;
                ExpiresOn = expiresOn;
                CertificateNumber = certificateNumber ?? CertificateNumber;
                RevokedOn = null;
                break;
            case CertificationStatus.Expired:
                ExpiresOn = ExpiresOn is { } e && e <= on ? e : on;
                break;
            case CertificationStatus.Revoked:
                RevokedOn = on;
                break;
            case CertificationStatus.NotStarted:
                StartedOn = null;
                break;
        }

        return new CertificationStatusChanged(EnterpriseId, Platform.ToString(), previous.ToString(), status.ToString(), CertifiedOn, ExpiresOn) { OccurredAt = now };
    }
}

/// <summary>
/// A park's sales in one month and currency, summed over its settled enterprises (ADR 0031): the summary the park's
/// statistics read instead of every enterprise's sales rows. Kept by <see cref="Persistence.ParkSalesSummary"/> in the
/// transaction of every save that records sales or moves an enterprise between parks. Revenue is kept in cents
/// (sales revenue has two decimals), so SQLite sums it exactly too.
/// </summary>
internal sealed class ParkSalesMonth
{
    public Guid ParkId { get; init; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; init; }

    public string Currency { get; init; } = string.Empty;

    /// <summary>Enterprises of the park with sales in this month and currency; a row left at 0 is an empty group.</summary>
    public int Enterprises { get; init; }

    public long Units { get; init; }
    public long RevenueCents { get; init; }
}
