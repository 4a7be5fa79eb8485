using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkDeadlineSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pf_park_deadline_days",
                columns: table => new
                {
                    ParkId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    State = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pf_park_deadline_days", x => new { x.ParkId, x.State, x.DueOn });
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            // The summary starts as a fresh count of the deadlines already stored (ADR 0036).
            migrationBuilder.Sql("""
                INSERT INTO pf_park_deadline_days (ParkId, State, DueOn, Deadlines)
                SELECT p.ParkId, d.State, d.DueOn, COUNT(*)
                FROM pf_deadlines d JOIN pf_enterprise_placements p ON p.EnterpriseId = d.EnterpriseId
                WHERE p.ParkId IS NOT NULL
                GROUP BY p.ParkId, d.State, d.DueOn
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pf_park_deadline_days");
        }
    }
}
