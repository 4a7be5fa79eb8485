-- Seeds the parks, workstations and enterprises the statistics benchmark reads (build/bench-statistics.sh), in SQL:
-- 100k enterprises and 1M sales rows take seconds this way, minutes through the API. Sizes come as user variables:
-- @parks, @workstations_per_park, @enterprises, @sales_months (rows per enterprise, over the last 24 months).
-- The rows are what the modules would have written: enterprises settled at a workstation of a park (ws_served_enterprises
-- says so on the Workstations side), stored lists as the Enterprises model stores them (markets and platforms comma
-- separated, categories one per line). A few rare markets and categories make the dashboard's small-group folding work.
SET @today = CURDATE();

INSERT INTO ws_parks (Id, Name, City, District, Address, TimeZone, CreatedAt)
SELECT UUID(), CONCAT('Bench park ', LPAD(seq, 3, '0')), 'Urumqi', NULL, NULL, 'Asia/Shanghai', UTC_TIMESTAMP(6)
FROM seq_1_to_1000 WHERE seq <= @parks;

CREATE TEMPORARY TABLE bench_parks (n INT PRIMARY KEY, Id CHAR(36) NOT NULL)
SELECT ROW_NUMBER() OVER (ORDER BY Name) - 1 AS n, Id FROM ws_parks WHERE Name LIKE 'Bench park %';

INSERT INTO ws_workstations (Id, Name, Level, ParkId, OpenedOn, ClosedOn, Status, Head, Contact, ServicesOffered, Version)
SELECT UUID(), CONCAT('Bench WS ', p.n, '-', w.seq), 'District', p.Id, @today - INTERVAL 3 YEAR, NULL, 'Open', NULL, NULL, 'ComplianceCertification,TrademarkPlanning', 1
FROM bench_parks p JOIN seq_1_to_100 w WHERE w.seq <= @workstations_per_park;

CREATE TEMPORARY TABLE bench_workstations (n INT PRIMARY KEY, Id CHAR(36) NOT NULL, ParkId CHAR(36) NOT NULL)
SELECT ROW_NUMBER() OVER (ORDER BY w.ParkId, w.Name) - 1 AS n, w.Id, w.ParkId
FROM ws_workstations w JOIN bench_parks p ON p.Id = w.ParkId;
SET @workstations = (SELECT COUNT(*) FROM bench_workstations);

-- Enterprise i sits at workstation i mod W; settled on one of the last 730 days.
INSERT INTO ent_enterprises (Id, CreditCode, NameZh, NameEn, LegalForm, EstablishedOn, ParkId, WorkstationId, SettledOn,
                             MarketCodes, PlatformCodes, ProductCategories, Version, UpdatedAt)
SELECT UUID(), CONCAT('91', LPAD(s.seq, 16, '0')), CONCAT('基准企业', s.seq), CONCAT('Bench enterprise ', s.seq),
       ELT(1 + s.seq % 10, 'LimitedLiabilityCompany', 'LimitedLiabilityCompany', 'LimitedLiabilityCompany', 'LimitedLiabilityCompany',
           'SoleProprietorship', 'SoleProprietorship', 'IndividualBusiness', 'JointStockCompany', 'ForeignInvested', 'Partnership'),
       @today - INTERVAL (1000 + s.seq % 3000) DAY, w.ParkId, w.Id, @today - INTERVAL (s.seq % 730) DAY,
       IF(s.seq % 4999 = 0, 'MV', ELT(1 + (s.seq DIV 7) % 12, 'AE', 'AE,SA', 'SA', 'KZ', 'AE,KZ', 'EG', 'SA,EG,AE', 'UZ', 'AE,QA', 'QA', 'RU', 'AE,RU,KZ')),
       ELT(1 + (s.seq DIV 3) % 8, 'Noon', 'Amazon', 'Noon,Amazon', 'Temu', 'AliExpress,Noon', 'Shein', 'TikTokShop,Amazon', 'Ebay'),
       IF(s.seq % 3001 = 0, CONCAT('Saffron', CHAR(10), 'Carpets'),
          ELT(1 + (s.seq DIV 11) % 9, 'Apparel', CONCAT('Apparel', CHAR(10), 'Shoes'), 'Electronics', CONCAT('Electronics', CHAR(10), 'Phone accessories'),
              'Dried fruit', CONCAT('Dried fruit', CHAR(10), 'Nuts'), 'Home textiles', 'Toys', CONCAT('Cosmetics', CHAR(10), 'Apparel'))),
       1, UTC_TIMESTAMP(6)
FROM seq_1_to_10000000 s JOIN bench_workstations w ON w.n = s.seq % @workstations
WHERE s.seq <= @enterprises;

INSERT INTO ws_served_enterprises (WorkstationId, EnterpriseId, SettledOn, LeftOn)
SELECT WorkstationId, Id, SettledOn, NULL FROM ent_enterprises WHERE CreditCode LIKE '91%' AND NameEn LIKE 'Bench enterprise %';

-- @sales_months rows per enterprise, months (i + 2k) mod 24 back from this month (distinct for k < 12), in its currency.
-- Each record's statistics profile key, as the module computes it (ADR 0035; the migration fills it the same way).
UPDATE ent_enterprises SET ProfileKey = LEFT(SHA2(CONCAT_WS(CHAR(31 USING utf8mb4), LegalForm, MarketCodes, PlatformCodes, ProductCategories), 256), 32);

INSERT INTO ent_monthly_sales (Id, EnterpriseId, Month, Units, Revenue, Currency)
SELECT UUID(), e.Id, DATE_FORMAT(@today, '%Y-%m-01') - INTERVAL ((n.i + 2 * k.seq) % 24) MONTH,
       10 + (n.i * 7 + k.seq * 13) % 500, ROUND((10 + (n.i * 7 + k.seq * 13) % 500) * (3.5 + n.i % 40), 2),
       IF(n.i % 97 = 0, NULL, ELT(1 + n.i % 3, 'USD', 'CNY', 'AED'))
FROM (SELECT Id, CAST(SUBSTRING(CreditCode, 3) AS SIGNED) AS i FROM ent_enterprises WHERE NameEn LIKE 'Bench enterprise %') AS n
JOIN ent_enterprises e ON e.Id = n.Id
JOIN seq_0_to_11 k ON k.seq < @sales_months;

-- Half the enterprises hold a noon certification, a third an Amazon one: certified (expiring from a month ago to a year
-- ahead, so some lapsed and some expiring in 30 and 90 days), in progress, or revoked.
INSERT INTO ent_certifications (Id, EnterpriseId, ParkId, Platform, Status, StartedOn, CertifiedOn, ExpiresOn, RevokedOn, CertificateNumber)
SELECT UUID(), e.Id, e.ParkId, p.Platform,
       ELT(1 + n.i % 5, 'Certified', 'Certified', 'Certified', 'InProgress', 'Revoked'),
       @today - INTERVAL 400 DAY,
       IF(n.i % 5 < 3, @today - INTERVAL 300 DAY, NULL),
       IF(n.i % 5 < 3, @today + INTERVAL ((n.i * 13) % 400 - 30) DAY, NULL),
       IF(n.i % 5 = 4, @today - INTERVAL 10 DAY, NULL),
       IF(n.i % 5 < 3, CONCAT('C-', n.i, '-', p.Platform), NULL)
FROM (SELECT Id, CAST(SUBSTRING(CreditCode, 3) AS SIGNED) AS i FROM ent_enterprises WHERE NameEn LIKE 'Bench enterprise %') AS n
JOIN ent_enterprises e ON e.Id = n.Id
JOIN (SELECT 'Noon' AS Platform, 2 AS Every UNION ALL SELECT 'Amazon', 3) AS p ON n.i % p.Every = 0;

-- The park sales summary the module keeps with every sales write (ADR 0031), as the migration fills it: a fresh count.
INSERT INTO ent_park_sales_months (ParkId, Month, Currency, Enterprises, Units, RevenueCents)
SELECT e.ParkId, s.Month, s.Currency, COUNT(*), SUM(s.Units), SUM(CAST(ROUND(COALESCE(s.Revenue, 0) * 100) AS SIGNED))
FROM ent_monthly_sales s JOIN ent_enterprises e ON e.Id = s.EnterpriseId
WHERE e.ParkId IS NOT NULL AND s.Currency IS NOT NULL
GROUP BY e.ParkId, s.Month, s.Currency;

ANALYZE TABLE ent_enterprises, ent_monthly_sales, ent_certifications, ent_park_sales_months, ws_parks, ws_workstations, ws_served_enterprises;
