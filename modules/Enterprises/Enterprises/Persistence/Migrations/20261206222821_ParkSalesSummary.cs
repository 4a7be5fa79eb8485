using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Enterprises.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkSalesSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_enterprises_ParkId",
                table: "ent_enterprises");

            migrationBuilder.CreateTable(
                name: "ent_park_sales_months",
                columns: table => new
                {
                    ParkId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Currency = table.Column<string>(type: "char(3)", fixedLength: true, maxLength: 3, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Enterprises = table.Column<int>(type: "int", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    RevenueCents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ent_park_sales_months", x => new { x.ParkId, x.Month, x.Currency });
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_ent_enterprises_ParkId_SettledOn",
                table: "ent_enterprises",
                columns: new[] { "ParkId", "SettledOn" });

            // The summary starts as a fresh count of the sales already recorded (ADR 0031); revenue in cents, row by row.
            var cents = migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite"
                ? "CAST(ROUND(CAST(COALESCE(s.Revenue, 0) AS REAL) * 100) AS INTEGER)"
                : "CAST(ROUND(COALESCE(s.Revenue, 0) * 100) AS SIGNED)";
            migrationBuilder.Sql($"""
                INSERT INTO ent_park_sales_months (ParkId, Month, Currency, Enterprises, Units, RevenueCents)
                SELECT e.ParkId, s.Month, s.Currency, COUNT(*), SUM(s.Units), SUM({cents})
                FROM ent_monthly_sales s JOIN ent_enterprises e ON e.Id = s.EnterpriseId
                WHERE e.ParkId IS NOT NULL AND s.Currency IS NOT NULL
                GROUP BY e.ParkId, s.Month, s.Currency
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ent_park_sales_months");

            migrationBuilder.DropIndex(
                name: "IX_ent_enterprises_ParkId_SettledOn",
                table: "ent_enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_ent_enterprises_ParkId",
                table: "ent_enterprises",
                column: "ParkId");
        }
    }
}
