using IpShield.Enterprises.Domain;
using IpShield.Enterprises.Persistence;
using IpShield.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Enterprises;

/// <summary>
/// The two enterprises of the seed story, under the ids the Workstations demo service records point at, plus
/// generated ones so lists and filters have something to show. Both seed-story enterprises and two thirds of the
/// generated ones are settled in the demo workstations, through the settlement event, so the workstations' rosters
/// list them too once the outbox relay has run. Added only to an empty embedded database.
/// </summary>
internal sealed class EnterprisesDemoData : IDemoData
{
    public const int Generated = 60;
    public static readonly Guid JingzhouTrading = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    public static readonly Guid ChuangxianTechnology = Guid.Parse("0192f0a0-0000-7000-8000-000000000002");

    /// <summary>The demo parks and workstations of the Workstations demo data (fixed ids there; modules share no code).</summary>
    public static readonly Guid YangtzePark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b1");
    public static readonly Guid YangtzeWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a1");
    public static readonly Guid WuchangPark = Guid.Parse("0192f0a0-0000-7000-8000-0000000000b2");
    public static readonly Guid WuchangWorkstation = Guid.Parse("0192f0a0-0000-7000-8000-0000000000a2");

    /// <summary>
    /// Fixed ids for the generated enterprises too, so other modules' demo data can refer to them (the Disputes demo data's
    /// Wuchang squatting campaign and noon sellers repeat this formula: modules share no code).
    /// </summary>
    public static Guid GeneratedId(int i) => Guid.Parse($"0192f0a0-0000-7000-8001-{i:D12}");

    private static readonly string[] Cities = ["武汉", "荆州", "宜昌", "襄阳", "黄石"];
    private static readonly string[] Trades = ["电子", "家居", "服饰", "五金", "美妆", "户外", "玩具", "宠物用品"];
    private static readonly string[][] MarketSets = [["AE", "SA", "GCC"], ["US", "DE", "GB", "EU"], ["MY", "TH", "ASEAN"], ["BR", "MX", "LATAM"], ["US"]];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EnterprisesDbContext>();
        if (await db.Enterprises.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var jingzhou = new Enterprise
        {
            Id = JingzhouTrading,
            CreditCode = CreditCode.WithCheckCharacter("91420100MA4KX1P2Q"),
            NameZh = "武汉景洲贸易有限公司",
            NameEn = "Wuhan Jingzhou Trading Co., Ltd.",
            LegalForm = LegalForm.LimitedLiabilityCompany,
            EstablishedOn = new DateOnly(2019, 3, 12),
            TargetMarkets = ["AE", "SA", "GCC"],
            SalesPlatforms = [SalesPlatform.Noon],
            ProductCategories = ["Bluetooth headsets", "Consumer electronics"],
        };
        var chuangxian = new Enterprise
        {
            Id = ChuangxianTechnology,
            CreditCode = CreditCode.WithCheckCharacter("91420100MA4F2C7N3"),
            NameZh = "武汉创先科技有限公司",
            NameEn = "Wuhan Chuangxian Technology Co., Ltd.",
            LegalForm = LegalForm.LimitedLiabilityCompany,
            EstablishedOn = new DateOnly(2017, 8, 30),
            TargetMarkets = ["EU", "DE", "GB", "US"],
            SalesPlatforms = [SalesPlatform.Amazon, SalesPlatform.Ebay, SalesPlatform.OwnSite],
            ProductCategories = ["Bed-surface cleaning robots", "Household appliances"],
        };
        // Registered like any record, so their markets reach the modules that measure against them (Portfolios' coverage).
        jingzhou.Registered(now);
        chuangxian.Registered(now);

        // Both came to the Yangtze workstation for the services of the story (see the Workstations demo data).
        jingzhou.SettledAtRegistration(YangtzePark, YangtzeWorkstation, new DateOnly(2023, 9, 1), now);
        chuangxian.SettledAtRegistration(YangtzePark, YangtzeWorkstation, new DateOnly(2024, 3, 15), now);
        db.Enterprises.AddRange(jingzhou, chuangxian);
        var noon = new PlatformCertification { EnterpriseId = JingzhouTrading, Platform = SalesPlatform.Noon };
        noon.ChangeTo(CertificationStatus.Certified, new DateOnly(2025, 4, 10), new DateOnly(2027, 4, 9), "NOON-IPC-2025-0410", now);
        var amazon = new PlatformCertification { EnterpriseId = ChuangxianTechnology, Platform = SalesPlatform.Amazon };
        amazon.ChangeTo(CertificationStatus.InProgress, new DateOnly(2025, 5, 20), null, null, now);
        db.Certifications.AddRange(noon, amazon);
        db.Contacts.Add(new Contact { EnterpriseId = JingzhouTrading, Name = "景洲 外贸负责人", Role = "Export manager", Email = "export@jingzhou.example.cn" });
        for (var month = 1; month <= 6; month++)
        {
            db.MonthlySales.Add(new MonthlySales { EnterpriseId = JingzhouTrading, Month = new DateOnly(2025, month, 1), Units = 1800 + (month * 150), Revenue = (1800 + (month * 150)) * 89m, Currency = "AED" });
            db.MonthlySales.Add(new MonthlySales { EnterpriseId = ChuangxianTechnology, Month = new DateOnly(2025, month, 1), Units = 400 + (month * 35), Revenue = (400 + (month * 35)) * 299m, Currency = "USD" });
        }

        var random = new Random(20241015);
        for (var i = 1; i <= Generated; i++)
        {
            var city = Cities[i % Cities.Length];
            var trade = Trades[i % Trades.Length];
            var enterprise = new Enterprise
            {
                Id = GeneratedId(i),
                CreditCode = CreditCode.WithCheckCharacter($"91420100MA{i:D7}"),
                NameZh = $"{city}{trade}跨境贸易有限公司{i:D2}",
                NameEn = $"{city} Cross-Border Trading Co. {i:D2}",
                LegalForm = i % 7 == 0 ? LegalForm.SoleProprietorship : LegalForm.LimitedLiabilityCompany,
                EstablishedOn = new DateOnly(2010 + random.Next(15), 1 + random.Next(12), 1 + random.Next(28)),
                TargetMarkets = MarketSets[i % MarketSets.Length],
                SalesPlatforms = [(SalesPlatform)(i % 9), SalesPlatform.OwnSite],
                ProductCategories = [trade],
            };
            enterprise.Registered(now);

            // A third each in the Yangtze park, in the Wuchang corridor (settled after its workstation opened), and nowhere yet.
            switch (i % 3)
            {
                case 0:
                    enterprise.SettledAtRegistration(YangtzePark, YangtzeWorkstation, new DateOnly(2023, 7, 1).AddDays(i * 11), now);
                    break;
                case 1:
                    enterprise.SettledAtRegistration(WuchangPark, WuchangWorkstation, new DateOnly(2024, 10, 15).AddDays(i * 5), now);
                    break;
            }

            db.Enterprises.Add(enterprise);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
