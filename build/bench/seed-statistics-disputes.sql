-- Disputes' share of the park statistics benchmark (issue #13, ADR 0028); sourced by build/bench-statistics.sh after it has
-- seeded ws_parks, ws_workstations and ent_enterprises. Writes the enterprise profiles the module's handlers keep, then
-- 100,000 cases over the settled enterprises (real flows and stages, 40 % open, the rest closed with an outcome and a
-- closing day), losses recovered on a third of the won cases, and 300 risk warnings delivered to ~45,000 enterprises.

CREATE TEMPORARY TABLE seed_dsp_enterprises (n INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, WorkstationId CHAR(36) NOT NULL, ParkId CHAR(36) NOT NULL) ENGINE = InnoDB;
INSERT INTO seed_dsp_enterprises (n, Id, WorkstationId, ParkId)
SELECT ROW_NUMBER() OVER (ORDER BY Id) - 1, Id, WorkstationId, ParkId FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;
SET @dsp_enterprises = (SELECT COUNT(*) FROM seed_dsp_enterprises);

-- EnterpriseSettled / EnterpriseMarketsChanged, as the handlers keep them.
INSERT INTO dsp_enterprise_profiles (EnterpriseId, WorkstationId, ParkId, SettledOn, MarketCodes, PlatformCodes, CategoryCodes, ProfileAt)
SELECT Id, WorkstationId, ParkId, COALESCE(SettledOn, CURDATE()), MarketCodes, PlatformCodes, '', UTC_TIMESTAMP(6)
FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;

-- The flows (FlowCatalogue) a case follows, with the stages an open case can be in.
CREATE TEMPORARY TABLE seed_dsp_flows (f INT NOT NULL, s INT NOT NULL, FlowKey VARCHAR(40), Kind VARCHAR(30), Platform VARCHAR(20), Market VARCHAR(6), Stage VARCHAR(40), PRIMARY KEY (f, s));
INSERT INTO seed_dsp_flows VALUES
 (0, 0, 'aliexpress-ipp', 'PlatformComplaint', 'AliExpress', 'ES', 'COMPLAINT_RECEIVED'), (0, 1, 'aliexpress-ipp', 'PlatformComplaint', 'AliExpress', 'ES', 'COUNTER_NOTICE_FILED'),
 (0, 2, 'aliexpress-ipp', 'PlatformComplaint', 'AliExpress', 'ES', 'COMPLAINT_RECEIVED'),
 (1, 0, 'ebay-vero', 'Takedown', 'Ebay', 'US', 'LISTING_REMOVED'), (1, 1, 'ebay-vero', 'Takedown', 'Ebay', 'US', 'RIGHTS_OWNER_CONTACTED'),
 (1, 2, 'ebay-vero', 'Takedown', 'Ebay', 'US', 'ESCALATED'),
 (2, 0, 'amazon-dmca', 'Takedown', 'Amazon', 'US', 'NOTICE_RECEIVED'), (2, 1, 'amazon-dmca', 'Takedown', 'Amazon', 'US', 'COUNTER_NOTICE_FILED'),
 (2, 2, 'amazon-dmca', 'Takedown', 'Amazon', 'AE', 'NOTICE_RECEIVED'),
 (3, 0, 'amazon-apex', 'PlatformComplaint', 'Amazon', 'US', 'APEX_INVITED'), (3, 1, 'amazon-apex', 'PlatformComplaint', 'Amazon', 'US', 'OPTED_IN'),
 (3, 2, 'amazon-apex', 'PlatformComplaint', 'Amazon', 'US', 'SELLER_BRIEF_FILED'),
 (4, 0, 'schedule-a', 'Lawsuit', 'Temu', 'US', 'TRO_GRANTED'), (4, 1, 'schedule-a', 'StoreFreeze', 'Shein', 'US', 'PRELIMINARY_INJUNCTION'),
 (4, 2, 'schedule-a', 'Lawsuit', 'Amazon', 'US', 'SETTLEMENT_TALKS'),
 (5, 0, 'cn-opposition', 'TrademarkSquatting', 'None', 'CN', 'MARK_PUBLISHED'), (5, 1, 'cn-opposition', 'TrademarkSquatting', 'None', 'CN', 'OPPOSITION_FILED'),
 (5, 2, 'cn-invalidation', 'TrademarkSquatting', 'None', 'CN', 'INVALIDATION_FILED');

INSERT INTO dsp_cases (Id, EnterpriseId, WorkstationId, ParkId, Title, Kind, Platform, Market, FlowKey, Stage, StageEnteredOn, BadFaith,
                       ConcernedRightIds, AffectedListings, ExpertSubjects, OpenedOn, OpenedAt, Outcome, ClosedOn, Version)
SELECT UUID(), e.Id, e.WorkstationId, e.ParkId, CONCAT('Case ', c.seq), f.Kind, f.Platform, f.Market, f.FlowKey, f.Stage, c.OpenedOn, 0,
       '', '', '', c.OpenedOn, TIMESTAMP(c.OpenedOn, '02:00:00'),
       CASE WHEN c.o < 40 THEN NULL WHEN c.o < 60 THEN 'Settled' WHEN c.o < 72 THEN 'Upheld' WHEN c.o < 82 THEN 'Rejected'
            WHEN c.o < 90 THEN 'Reinstated' WHEN c.o < 95 THEN 'Withdrawn' WHEN c.o < 98 THEN 'FundsReleased' ELSE 'DefaultJudgment' END,
       CASE WHEN c.o >= 40 THEN LEAST(CURDATE(), c.OpenedOn + INTERVAL (c.seq % 240) DAY) END,
       1
FROM (
    SELECT seq, seq % @dsp_enterprises AS n, CRC32(CONCAT('f', seq)) % 6 AS f, CRC32(CONCAT('g', seq)) % 3 AS s,
           CRC32(CONCAT('o', seq)) % 100 AS o, CURDATE() - INTERVAL (CRC32(CONCAT('d', seq)) % 1095) DAY AS OpenedOn
    FROM seq_1_to_100000
) c
JOIN seed_dsp_enterprises e ON e.n = c.n
JOIN seed_dsp_flows f ON f.f = c.f AND f.s = c.s;

-- Losses recovered on a third of the cases won back or settled.
INSERT INTO dsp_case_amounts (Id, CaseId, Kind, Amount, Currency, `On`)
SELECT UUID(), Id, 'LossesRecovered', 500 + CRC32(Id) % 50000,
       CASE WHEN CRC32(CONCAT('c', Id)) % 20 < 14 THEN 'CNY' WHEN CRC32(CONCAT('c', Id)) % 20 < 19 THEN 'USD' ELSE 'AED' END, ClosedOn
FROM dsp_cases WHERE Outcome IN ('Settled', 'Upheld', 'Reinstated', 'FundsReleased') AND CRC32(Id) % 3 = 0;
-- As the case's write does when it records one (ADR 0039).
UPDATE dsp_cases SET RecoversLosses = TRUE WHERE Outcome IN ('Settled', 'Upheld', 'Reinstated', 'FundsReleased') AND CRC32(Id) % 3 = 0;

-- 300 warnings over the last year, each delivered to ~150 enterprises; four in ten deliveries acknowledged.
INSERT INTO dsp_risk_warnings (Id, Number, Title, Body, RiskType, Severity, Markets, Platforms, ProductCategories, Brands, Sources, IssuedOn, ValidUntil, IssuedAt)
SELECT UUID(), CONCAT('RW-BENCH-', seq), CONCAT('Warning ', seq), 'Benchmark warning.',
       ELT(1 + seq % 6, 'PlatformComplaintWave', 'TroWave', 'Squatting', 'Customs', 'UsSection337', 'PolicyChange'),
       ELT(1 + seq % 4, 'Low', 'Medium', 'High', 'Critical'), '', '', '', '', '',
       CURDATE() - INTERVAL (seq % 365) DAY, CURDATE() + INTERVAL 90 DAY, TIMESTAMP(CURDATE() - INTERVAL (seq % 365) DAY, '01:00:00')
FROM seq_1_to_300;
CREATE TEMPORARY TABLE seed_dsp_warnings (w INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, IssuedAt DATETIME(6) NOT NULL);
INSERT INTO seed_dsp_warnings SELECT ROW_NUMBER() OVER (ORDER BY Id) - 1, Id, IssuedAt FROM dsp_risk_warnings;
-- Each warning reaches distinct enterprises (7919 is prime); IGNORE keeps (warning, enterprise) unique on any count.
INSERT IGNORE INTO dsp_notifications (Id, WarningId, EnterpriseId, WorkstationId, DeliveredAt, ReadAt, AcknowledgedAt)
SELECT UUID(), w.Id, e.Id, e.WorkstationId, w.IssuedAt,
       CASE WHEN n.seq % 10 < 6 THEN w.IssuedAt + INTERVAL 1 DAY END,
       CASE WHEN n.seq % 10 < 4 THEN w.IssuedAt + INTERVAL 2 DAY END
FROM seq_1_to_45000 n
JOIN seed_dsp_warnings w ON w.w = n.seq % 300
JOIN seed_dsp_enterprises e ON e.n = (n.seq DIV 300 * 7919 + n.seq % 300) % @dsp_enterprises;

DROP TEMPORARY TABLE seed_dsp_enterprises;
DROP TEMPORARY TABLE seed_dsp_flows;
DROP TEMPORARY TABLE seed_dsp_warnings;
ANALYZE TABLE dsp_enterprise_profiles, dsp_cases, dsp_case_amounts, dsp_risk_warnings, dsp_notifications;
