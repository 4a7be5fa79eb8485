using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkCoverageGapCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pf_park_coverage_gaps",
                columns: table => new
                {
                    ParkId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Market = table.Column<string>(type: "varchar(2)", maxLength: 2, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Enterprises = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_park_coverage_gaps", x => new { x.ParkId, x.Market });
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            // The stored gaps counted afresh (ADR 0040); from here on every write adds its difference.
            migrationBuilder.Sql("""
                INSERT INTO pf_park_coverage_gaps (ParkId, Market, Enterprises)
                SELECT ParkId, Market, COUNT(*) FROM pf_enterprise_coverage_gaps WHERE ParkId IS NOT NULL GROUP BY ParkId, Market
                UNION ALL
                SELECT ParkId, '', COUNT(DISTINCT EnterpriseId) FROM pf_enterprise_coverage_gaps WHERE ParkId IS NOT NULL GROUP BY ParkId
                """);
            migrationBuilder.Sql("INSERT INTO pf_summary_states (Name, Fingerprint) VALUES ('park-coverage-gaps', '')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pf_park_coverage_gaps");
        }
    }
}
