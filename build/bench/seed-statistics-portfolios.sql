-- Portfolios' share of the park statistics benchmark (issue #13, ADR 0028); sourced by build/bench-statistics.sh after it
-- has seeded ws_parks, ws_workstations and ent_enterprises. Writes what the module's own handlers would have written from
-- the enterprises (placements, target markets and platforms), then 1,000,000 rights spread over the settled enterprises
-- (kinds, statuses and jurisdictions in proportions like the demo park's) and one deadline per right, a year back to
-- two years ahead. Ids are char(36) GUIDs, enums are stored by name, as EF Core writes them.

CREATE TEMPORARY TABLE seed_pf_enterprises (n INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, WorkstationId CHAR(36) NOT NULL) ENGINE = InnoDB;
INSERT INTO seed_pf_enterprises (n, Id, WorkstationId)
SELECT ROW_NUMBER() OVER (ORDER BY Id) - 1, Id, WorkstationId FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;
SET @pf_enterprises = (SELECT COUNT(*) FROM seed_pf_enterprises);

-- EnterpriseSettled / EnterpriseMarketsChanged, as the handlers keep them.
INSERT INTO pf_enterprise_placements (EnterpriseId, WorkstationId, ParkId, SettledOn)
SELECT Id, WorkstationId, ParkId, COALESCE(SettledOn, CURDATE()) FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;
INSERT INTO pf_enterprise_markets (EnterpriseId, TargetMarkets, SalesPlatforms, ChangedAt)
SELECT Id, MarketCodes, PlatformCodes, UTC_TIMESTAMP(6) FROM ent_enterprises
WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL AND (MarketCodes <> '' OR PlatformCodes <> '');

-- Rights: 55 % marks, 10 % invention patents, 15 % utility models, 12 % designs, 8 % copyrights; most in CN, marks
-- abroad where the park's enterprises sell (US, EU, Madrid, the Gulf), a few in rare offices (KW, OM: small groups).
INSERT INTO pf_ip_rights (Id, EnterpriseId, WorkstationId, Kind, Jurisdiction, NameZh, NiceClasses, Goods, Status, PlannedFilingOn,
                          FiledOn, RegisteredOn, RecordedAt, Version)
SELECT UUID(), e.Id, e.WorkstationId, s.Kind,
       CASE WHEN s.Kind = 'Copyright' THEN 'CN'
            WHEN s.Kind <> 'Trademark' THEN CASE WHEN s.j < 80 THEN 'CN' WHEN s.j < 88 THEN 'US' WHEN s.j < 94 THEN 'EU' ELSE 'WO' END
            WHEN s.j < 55 THEN 'CN' WHEN s.j < 63 THEN 'US' WHEN s.j < 70 THEN 'EU' WHEN s.j < 76 THEN 'WO' WHEN s.j < 81 THEN 'AE'
            WHEN s.j < 85 THEN 'SA' WHEN s.j < 88 THEN 'GB' WHEN s.j < 91 THEN 'JP' WHEN s.j < 94 THEN 'SG' WHEN s.j < 97 THEN 'BR'
            WHEN s.j < 99 THEN 'KW' ELSE 'OM' END,
       CONCAT('权利', s.seq), CASE WHEN s.Kind = 'Trademark' THEN '9,35' ELSE '' END, '',
       s.Status,
       CASE WHEN s.Status = 'Planned' THEN CURDATE() + INTERVAL (s.seq % 180) DAY END,
       CASE WHEN s.Status <> 'Planned' THEN CURDATE() - INTERVAL (s.seq % 3000) DAY END,
       CASE WHEN s.Status IN ('Registered', 'Renewed', 'Lapsed') THEN CURDATE() - INTERVAL (s.seq % 2500) DAY END,
       UTC_TIMESTAMP(6), 1
FROM (
    SELECT seq, seq % @pf_enterprises AS n, CRC32(CONCAT('j', seq)) % 100 AS j,
           CASE WHEN CRC32(CONCAT('k', seq)) % 100 < 55 THEN 'Trademark' WHEN CRC32(CONCAT('k', seq)) % 100 < 65 THEN 'InventionPatent'
                WHEN CRC32(CONCAT('k', seq)) % 100 < 80 THEN 'UtilityModel' WHEN CRC32(CONCAT('k', seq)) % 100 < 92 THEN 'Design'
                ELSE 'Copyright' END AS Kind,
           CASE WHEN CRC32(CONCAT('s', seq)) % 100 < 50 THEN 'Registered' WHEN CRC32(CONCAT('s', seq)) % 100 < 65 THEN 'Filed'
                WHEN CRC32(CONCAT('s', seq)) % 100 < 70 THEN 'Published' WHEN CRC32(CONCAT('s', seq)) % 100 < 78 THEN 'Renewed'
                WHEN CRC32(CONCAT('s', seq)) % 100 < 85 THEN 'Planned' WHEN CRC32(CONCAT('s', seq)) % 100 < 91 THEN 'Lapsed'
                WHEN CRC32(CONCAT('s', seq)) % 100 < 94 THEN 'Abandoned' WHEN CRC32(CONCAT('s', seq)) % 100 < 97 THEN 'Refused'
                WHEN CRC32(CONCAT('s', seq)) % 100 < 99 THEN 'Opposed' ELSE 'Withdrawn' END AS Status
    FROM seq_1_to_1000000
) s
JOIN seed_pf_enterprises e ON e.n = s.n;

-- Madrid marks designate two markets each, so coverage sees them.
INSERT INTO pf_designations (Id, RightId, Country, Status, ChangedOn)
SELECT UUID(), Id, 'AE', Status, CURDATE() FROM pf_ip_rights WHERE Jurisdiction = 'WO' AND Kind = 'Trademark';
INSERT INTO pf_designations (Id, RightId, Country, Status, ChangedOn)
SELECT UUID(), Id, 'US', Status, CURDATE() FROM pf_ip_rights WHERE Jurisdiction = 'WO' AND Kind = 'Trademark';

-- One deadline per recorded right, due from two years back to two years ahead: open from today on; before today done,
-- one in ten missed and one in twenty waived.
INSERT INTO pf_deadlines (Id, RightId, EnterpriseId, WorkstationId, RuleKey, Cycle, Task, DueOn, State, ClosedOn, RemindedDays, Version)
SELECT UUID(), d.Id, d.EnterpriseId, d.WorkstationId, d.RuleKey, 1, 'Renewal', d.DueOn,
       CASE WHEN d.DueOn >= CURDATE() THEN 'Open' WHEN d.h % 20 < 2 THEN 'Missed' WHEN d.h % 20 = 2 THEN 'Waived' ELSE 'Done' END,
       CASE WHEN d.DueOn < CURDATE() AND d.h % 20 > 2 THEN d.DueOn END,
       0, 1
FROM (
    SELECT Id, EnterpriseId, WorkstationId, CONCAT(LOWER(Kind), '.renewal.', LOWER(Jurisdiction)) AS RuleKey, CRC32(Id) AS h,
           CURDATE() + INTERVAL (CAST(CRC32(CONCAT('d', Id)) % 1461 AS SIGNED) - 730) DAY AS DueOn
    FROM pf_ip_rights WHERE Status <> 'Planned'
) d;

-- The park rights summary the module keeps with every rights write (ADR 0032), as the migration fills it: a fresh count.
INSERT INTO pf_park_right_groups (ParkId, Kind, Status, Jurisdiction, Rights, Enterprises)
SELECT p.ParkId, r.Kind, r.Status, r.Jurisdiction, COUNT(*), COUNT(DISTINCT r.EnterpriseId)
FROM pf_ip_rights r JOIN pf_enterprise_placements p ON p.EnterpriseId = r.EnterpriseId
WHERE p.ParkId IS NOT NULL GROUP BY p.ParkId, r.Kind, r.Status, r.Jurisdiction;
INSERT INTO pf_park_right_holders (ParkId, Rights, Holders)
SELECT p.ParkId, COUNT(*), COUNT(DISTINCT r.EnterpriseId)
FROM pf_ip_rights r JOIN pf_enterprise_placements p ON p.EnterpriseId = r.EnterpriseId
WHERE p.ParkId IS NOT NULL GROUP BY p.ParkId;
-- The park deadline summary the module keeps with every deadline write (ADR 0036), as the migration fills it.
INSERT INTO pf_park_deadline_days (ParkId, State, DueOn, Deadlines)
SELECT p.ParkId, d.State, d.DueOn, COUNT(*)
FROM pf_deadlines d JOIN pf_enterprise_placements p ON p.EnterpriseId = d.EnterpriseId
WHERE p.ParkId IS NOT NULL GROUP BY p.ParkId, d.State, d.DueOn;

DROP TEMPORARY TABLE seed_pf_enterprises;
ANALYZE TABLE pf_enterprise_placements, pf_enterprise_markets, pf_ip_rights, pf_designations, pf_deadlines, pf_park_right_groups, pf_park_right_holders, pf_park_deadline_days;
