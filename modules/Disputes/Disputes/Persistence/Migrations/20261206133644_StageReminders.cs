using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Disputes.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StageReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "StageReminderDueOn",
                table: "dsp_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StageReminderFor",
                table: "dsp_cases",
                type: "varchar(40)",
                maxLength: 40,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "dsp_job_leases",
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
                    table.PrimaryKey("PK_dsp_job_leases", x => x.Job);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_StageDueOn",
                table: "dsp_cases",
                column: "StageDueOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dsp_job_leases");

            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_StageDueOn",
                table: "dsp_cases");

            migrationBuilder.DropColumn(
                name: "StageReminderDueOn",
                table: "dsp_cases");

            migrationBuilder.DropColumn(
                name: "StageReminderFor",
                table: "dsp_cases");
        }
    }
}
