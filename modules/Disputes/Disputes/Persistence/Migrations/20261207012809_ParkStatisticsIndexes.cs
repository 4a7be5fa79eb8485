using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Disputes.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_ParkId",
                table: "dsp_cases");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_notifications_EnterpriseId_WarningId_AcknowledgedAt",
                table: "dsp_notifications",
                columns: new[] { "EnterpriseId", "WarningId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dsp_enterprise_profiles_ParkId",
                table: "dsp_enterprise_profiles",
                column: "ParkId");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_ParkId_Outcome_Platform_EnterpriseId",
                table: "dsp_cases",
                columns: new[] { "ParkId", "Outcome", "Platform", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_ParkId_Outcome_Stage_EnterpriseId",
                table: "dsp_cases",
                columns: new[] { "ParkId", "Outcome", "Stage", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dsp_notifications_EnterpriseId_WarningId_AcknowledgedAt",
                table: "dsp_notifications");

            migrationBuilder.DropIndex(
                name: "IX_dsp_enterprise_profiles_ParkId",
                table: "dsp_enterprise_profiles");

            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_ParkId_Outcome_Platform_EnterpriseId",
                table: "dsp_cases");

            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_ParkId_Outcome_Stage_EnterpriseId",
                table: "dsp_cases");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_ParkId",
                table: "dsp_cases",
                column: "ParkId");
        }
    }
}
