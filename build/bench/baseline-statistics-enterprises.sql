-- The Enterprises section of one park (@park), as bare SQL: the aggregates the host asks for, over the same range
-- (the twelve months up to today). The host sends the same GROUP BYs through EF Core (ADR 0027).
SELECT LegalForm, MarketCodes, PlatformCodes, ProductCategories, COUNT(*) FROM ent_enterprises
 WHERE ParkId = @park GROUP BY LegalForm, MarketCodes, PlatformCodes, ProductCategories;
SELECT SettledOn, COUNT(*) FROM ent_enterprises
 WHERE ParkId = @park AND SettledOn >= DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%Y-%m-01') AND SettledOn <= CURDATE() GROUP BY SettledOn;
SELECT c.Platform, c.Status, c.ExpiresOn IS NOT NULL AND c.ExpiresOn < CURDATE(), COUNT(*) FROM ent_certifications c
 JOIN ent_enterprises e ON e.Id = c.EnterpriseId WHERE e.ParkId = @park GROUP BY 1, 2, 3;
SELECT c.EnterpriseId, c.ExpiresOn FROM ent_certifications c JOIN ent_enterprises e ON e.Id = c.EnterpriseId
 WHERE e.ParkId = @park AND c.Status = 'Certified' AND c.ExpiresOn >= CURDATE() AND c.ExpiresOn <= CURDATE() + INTERVAL 90 DAY;
SELECT s.Month, s.Currency, COUNT(*), SUM(s.Units), SUM(COALESCE(s.Revenue, 0)) FROM ent_monthly_sales s
 JOIN ent_enterprises e ON e.Id = s.EnterpriseId
 WHERE e.ParkId = @park AND s.Month >= DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%Y-%m-01') AND s.Month <= CURDATE() AND s.Currency IS NOT NULL
 GROUP BY s.Month, s.Currency;
