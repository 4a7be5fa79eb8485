using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CoverageGapsCarryTheirPark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ParkId",
                table: "pf_enterprise_coverage_gaps",
                type: "char(36)",
                nullable: true,
                collation: "ascii_general_ci");

            // Rows stored before carry their enterprise's park from its placement (ADR 0033, amended).
            migrationBuilder.Sql("""
                UPDATE pf_enterprise_coverage_gaps g JOIN pf_enterprise_placements p ON p.EnterpriseId = g.EnterpriseId
                SET g.ParkId = p.ParkId
                """);

            migrationBuilder.CreateIndex(
                name: "IX_pf_enterprise_coverage_gaps_ParkId_EnterpriseId",
                table: "pf_enterprise_coverage_gaps",
                columns: new[] { "ParkId", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_pf_enterprise_coverage_gaps_ParkId_Market",
                table: "pf_enterprise_coverage_gaps",
                columns: new[] { "ParkId", "Market" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_enterprise_coverage_gaps_ParkId_EnterpriseId",
                table: "pf_enterprise_coverage_gaps");

            migrationBuilder.DropIndex(
                name: "IX_pf_enterprise_coverage_gaps_ParkId_Market",
                table: "pf_enterprise_coverage_gaps");

            migrationBuilder.DropColumn(
                name: "ParkId",
                table: "pf_enterprise_coverage_gaps");
        }
    }
}
