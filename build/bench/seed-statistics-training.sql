-- Training's share of the park statistics benchmark (issue #13, ADR 0028); sourced by build/bench-statistics.sh after it
-- has seeded ws_parks, ws_workstations and ent_enterprises. Writes the placements the module's handler keeps, 3,000
-- sessions over the last two years in the enterprises' workstations (nine in ten held, some cancelled, some ahead), 20
-- registrations each (attended, no-show, cancelled) and a 1–5 score from each named attendee of half the attendances.

CREATE TEMPORARY TABLE seed_trn_enterprises (n INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, WorkstationId CHAR(36) NOT NULL) ENGINE = InnoDB;
INSERT INTO seed_trn_enterprises (n, Id, WorkstationId)
SELECT ROW_NUMBER() OVER (ORDER BY Id) - 1, Id, WorkstationId FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;
SET @trn_enterprises = (SELECT COUNT(*) FROM seed_trn_enterprises);
CREATE TEMPORARY TABLE seed_trn_workstations (n INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, ParkId CHAR(36) NOT NULL) ENGINE = InnoDB;
INSERT INTO seed_trn_workstations (n, Id, ParkId)
SELECT ROW_NUMBER() OVER (ORDER BY WorkstationId) - 1, WorkstationId, ParkId
FROM (SELECT DISTINCT WorkstationId, ParkId FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL) w;
SET @trn_workstations = (SELECT COUNT(*) FROM seed_trn_workstations);

-- EnterpriseSettled, as the handler keeps it.
INSERT INTO trn_enterprise_placements (EnterpriseId, WorkstationId, ParkId, SettledOn)
SELECT Id, WorkstationId, ParkId, COALESCE(SettledOn, CURDATE()) FROM ent_enterprises WHERE ParkId IS NOT NULL AND WorkstationId IS NOT NULL;

CREATE TEMPORARY TABLE seed_trn_sessions (n INT NOT NULL PRIMARY KEY, Id CHAR(36) NOT NULL, StartsAt DATETIME(6) NOT NULL, Status VARCHAR(20) NOT NULL) ENGINE = InnoDB;
INSERT INTO seed_trn_sessions (n, Id, StartsAt, Status)
SELECT seq, UUID(), TIMESTAMP(CURDATE() - INTERVAL (seq % 760) DAY + INTERVAL 30 DAY, '01:30:00'),
       CASE WHEN seq % 760 < 30 THEN 'Open' WHEN seq % 20 = 0 THEN 'Cancelled' ELSE 'Held' END
FROM seq_0_to_2999;
INSERT INTO trn_sessions (Id, WorkstationId, ParkId, Kind, Title, Topics, TopicsText, Speakers, StartsAt, EndsAt, Capacity, SeatsTaken,
                          RegistrationOpensAt, RegistrationClosesAt, CancellationCutoffAt, Materials, Status, CreatedAt, Version)
SELECT s.Id, w.Id, w.ParkId, ELT(1 + s.n % 4, 'Training', 'IpSalon', 'OnlineWebinar', 'OneOnOneClinic'), CONCAT('Session ', s.n),
       'trademarks', ',trademarks,', 'Speaker', s.StartsAt, s.StartsAt + INTERVAL 2 HOUR, 30, 20,
       s.StartsAt - INTERVAL 30 DAY, s.StartsAt - INTERVAL 1 DAY, s.StartsAt - INTERVAL 2 DAY, '', s.Status, s.StartsAt - INTERVAL 30 DAY, 1
FROM seed_trn_sessions s JOIN seed_trn_workstations w ON w.n = s.n % @trn_workstations;

-- 20 distinct enterprises per session (7919 is prime), each with two named attendees.
INSERT IGNORE INTO trn_registrations (Id, SessionId, EnterpriseId, EnterpriseWorkstationId, SessionWorkstationId, Attendees, AttendeeCount, Status, QueuedAt,
                                      RegisteredAt, AttendedAt, Satisfaction, Version)
SELECT UUID(), s.Id, e.Id, e.WorkstationId, t.WorkstationId, CONCAT('Attendee A', r.seq, '\nAttendee B', r.seq), 2,
       CASE WHEN s.Status = 'Open' THEN 'Registered' WHEN r.seq % 10 < 7 THEN 'Attended' WHEN r.seq % 10 < 9 THEN 'NoShow' ELSE 'Cancelled' END,
       s.StartsAt - INTERVAL 10 DAY, s.StartsAt - INTERVAL 10 DAY,
       CASE WHEN s.Status = 'Held' AND r.seq % 10 < 7 THEN s.StartsAt END,
       NULL, 1
FROM seq_0_to_59999 r
JOIN seed_trn_sessions s ON s.n = r.seq DIV 20
JOIN trn_sessions t ON t.Id = s.Id
JOIN seed_trn_enterprises e ON e.n = (r.seq DIV 20 * 7919 + r.seq % 20) % @trn_enterprises;

INSERT INTO trn_attendee_feedback (Id, RegistrationId, SessionId, Attendee, Satisfaction, GivenAt)
SELECT UUID(), Id, SessionId, SUBSTRING_INDEX(Attendees, '\n', 1), 1 + CRC32(Id) % 5, RegisteredAt + INTERVAL 11 DAY
FROM trn_registrations WHERE Status = 'Attended' AND CRC32(Id) % 2 = 0;
INSERT INTO trn_attendee_feedback (Id, RegistrationId, SessionId, Attendee, Satisfaction, GivenAt)
SELECT UUID(), Id, SessionId, SUBSTRING_INDEX(Attendees, '\n', -1), 1 + CRC32(CONCAT('b', Id)) % 5, RegisteredAt + INTERVAL 11 DAY
FROM trn_registrations WHERE Status = 'Attended' AND CRC32(Id) % 2 = 0;

DROP TEMPORARY TABLE seed_trn_enterprises;
DROP TEMPORARY TABLE seed_trn_workstations;
DROP TEMPORARY TABLE seed_trn_sessions;
ANALYZE TABLE trn_enterprise_placements, trn_sessions, trn_registrations, trn_attendee_feedback;
