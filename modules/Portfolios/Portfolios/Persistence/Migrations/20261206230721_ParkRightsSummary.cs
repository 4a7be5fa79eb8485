using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkRightsSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pf_park_right_groups",
                columns: table => new
                {
                    ParkId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Kind = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Status = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Jurisdiction = table.Column<string>(type: "varchar(2)", maxLength: 2, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Rights = table.Column<int>(type: "int", nullable: false),
                    Enterprises = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_park_right_groups", x => new { x.ParkId, x.Kind, x.Status, x.Jurisdiction });
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "pf_park_right_holders",
                columns: table => new
                {
                    ParkId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Rights = table.Column<int>(type: "int", nullable: false),
                    Holders = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_park_right_holders", x => x.ParkId);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_pf_ip_rights_Jurisdiction_Kind_Status_EnterpriseId",
                table: "pf_ip_rights",
                columns: new[] { "Jurisdiction", "Kind", "Status", "EnterpriseId" });

            // The summaries start as a fresh count of the rights already recorded (ADR 0032).
            migrationBuilder.Sql("""
                INSERT INTO pf_park_right_groups (ParkId, Kind, Status, Jurisdiction, Rights, Enterprises)
                SELECT p.ParkId, r.Kind, r.Status, r.Jurisdiction, COUNT(*), COUNT(DISTINCT r.EnterpriseId)
                FROM pf_ip_rights r JOIN pf_enterprise_placements p ON p.EnterpriseId = r.EnterpriseId
                WHERE p.ParkId IS NOT NULL
                GROUP BY p.ParkId, r.Kind, r.Status, r.Jurisdiction
                """);
            migrationBuilder.Sql("""
                INSERT INTO pf_park_right_holders (ParkId, Rights, Holders)
                SELECT p.ParkId, COUNT(*), COUNT(DISTINCT r.EnterpriseId)
                FROM pf_ip_rights r JOIN pf_enterprise_placements p ON p.EnterpriseId = r.EnterpriseId
                WHERE p.ParkId IS NOT NULL
                GROUP BY p.ParkId
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pf_park_right_groups");

            migrationBuilder.DropTable(
                name: "pf_park_right_holders");

            migrationBuilder.DropIndex(
                name: "IX_pf_ip_rights_Jurisdiction_Kind_Status_EnterpriseId",
                table: "pf_ip_rights");
        }
    }
}
