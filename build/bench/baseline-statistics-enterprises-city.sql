-- The Enterprises section of the whole city, as bare SQL: the same aggregates as for one park, grouped by park (the
-- host computes every park and the city from one set of answers).
SELECT ParkId, LegalForm, MarketCodes, PlatformCodes, ProductCategories, COUNT(*) FROM ent_enterprises
 WHERE ParkId IS NOT NULL GROUP BY ParkId, LegalForm, MarketCodes, PlatformCodes, ProductCategories;
SELECT ParkId, SettledOn, COUNT(*) FROM ent_enterprises
 WHERE ParkId IS NOT NULL AND SettledOn >= DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%Y-%m-01') AND SettledOn <= CURDATE() GROUP BY ParkId, SettledOn;
SELECT e.ParkId, c.Platform, c.Status, c.ExpiresOn IS NOT NULL AND c.ExpiresOn < CURDATE(), COUNT(*) FROM ent_certifications c
 JOIN ent_enterprises e ON e.Id = c.EnterpriseId WHERE e.ParkId IS NOT NULL GROUP BY 1, 2, 3, 4;
SELECT e.ParkId, c.EnterpriseId, c.ExpiresOn FROM ent_certifications c JOIN ent_enterprises e ON e.Id = c.EnterpriseId
 WHERE e.ParkId IS NOT NULL AND c.Status = 'Certified' AND c.ExpiresOn >= CURDATE() AND c.ExpiresOn <= CURDATE() + INTERVAL 90 DAY;
SELECT e.ParkId, s.Month, s.Currency, COUNT(*), SUM(s.Units), SUM(COALESCE(s.Revenue, 0)) FROM ent_monthly_sales s
 JOIN ent_enterprises e ON e.Id = s.EnterpriseId
 WHERE e.ParkId IS NOT NULL AND s.Month >= DATE_FORMAT(CURDATE() - INTERVAL 11 MONTH, '%Y-%m-01') AND s.Month <= CURDATE() AND s.Currency IS NOT NULL
 GROUP BY e.ParkId, s.Month, s.Currency;
