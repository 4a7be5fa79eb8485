using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PortfolioGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Goods",
                table: "pf_ip_rights",
                type: "text",
                nullable: false,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedFilingOn",
                table: "pf_ip_rights",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Designation",
                table: "pf_ip_right_events",
                type: "varchar(2)",
                maxLength: 2,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "StatusAfter",
                table: "pf_ip_right_events",
                type: "varchar(20)",
                maxLength: 20,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<Guid>(
                name: "ParkId",
                table: "pf_enterprise_placements",
                type: "char(36)",
                nullable: true,
                collation: "ascii_general_ci");

            migrationBuilder.AddColumn<int>(
                name: "RemindedDays",
                table: "pf_deadlines",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pf_applied_rules",
                columns: table => new
                {
                    RuleKey = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Fingerprint = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_applied_rules", x => x.RuleKey);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "pf_designations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    RightId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Country = table.Column<string>(type: "varchar(2)", maxLength: 2, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Status = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ChangedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_designations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pf_designations_pf_ip_rights_RightId",
                        column: x => x.RightId,
                        principalTable: "pf_ip_rights",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "pf_enterprise_markets",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    TargetMarkets = table.Column<string>(type: "varchar(400)", maxLength: 400, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    SalesPlatforms = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ChangedAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_enterprise_markets", x => x.EnterpriseId);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "pf_job_leases",
                columns: table => new
                {
                    Job = table.Column<string>(type: "varchar(50)", maxLength: 50, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    LeasedBy = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    LeaseUntilMs = table.Column<long>(type: "bigint", nullable: false),
                    LastRunOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_job_leases", x => x.Job);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_pf_enterprise_placements_ParkId",
                table: "pf_enterprise_placements",
                column: "ParkId");

            migrationBuilder.CreateIndex(
                name: "IX_pf_enterprise_placements_WorkstationId",
                table: "pf_enterprise_placements",
                column: "WorkstationId");

            migrationBuilder.CreateIndex(
                name: "IX_pf_designations_RightId_Country",
                table: "pf_designations",
                columns: new[] { "RightId", "Country" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pf_applied_rules");

            migrationBuilder.DropTable(
                name: "pf_designations");

            migrationBuilder.DropTable(
                name: "pf_enterprise_markets");

            migrationBuilder.DropTable(
                name: "pf_job_leases");

            migrationBuilder.DropIndex(
                name: "IX_pf_enterprise_placements_ParkId",
                table: "pf_enterprise_placements");

            migrationBuilder.DropIndex(
                name: "IX_pf_enterprise_placements_WorkstationId",
                table: "pf_enterprise_placements");

            migrationBuilder.DropColumn(
                name: "Goods",
                table: "pf_ip_rights");

            migrationBuilder.DropColumn(
                name: "PlannedFilingOn",
                table: "pf_ip_rights");

            migrationBuilder.DropColumn(
                name: "Designation",
                table: "pf_ip_right_events");

            migrationBuilder.DropColumn(
                name: "StatusAfter",
                table: "pf_ip_right_events");

            migrationBuilder.DropColumn(
                name: "ParkId",
                table: "pf_enterprise_placements");

            migrationBuilder.DropColumn(
                name: "RemindedDays",
                table: "pf_deadlines");
        }
    }
}
