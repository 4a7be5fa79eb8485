using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Disputes.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WarningReachByWorkstation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dsp_notifications_EnterpriseId_WarningId_AcknowledgedAt",
                table: "dsp_notifications");

            migrationBuilder.DropIndex(
                name: "IX_dsp_notifications_WorkstationId",
                table: "dsp_notifications");

            migrationBuilder.DropIndex(
                name: "IX_dsp_enterprise_profiles_ParkId",
                table: "dsp_enterprise_profiles");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_notifications_WorkstationId_DeliveredAt_WarningId_Enterp~",
                table: "dsp_notifications",
                columns: new[] { "WorkstationId", "DeliveredAt", "WarningId", "EnterpriseId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dsp_enterprise_profiles_ParkId_WorkstationId",
                table: "dsp_enterprise_profiles",
                columns: new[] { "ParkId", "WorkstationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dsp_notifications_WorkstationId_DeliveredAt_WarningId_Enterp~",
                table: "dsp_notifications");

            migrationBuilder.DropIndex(
                name: "IX_dsp_enterprise_profiles_ParkId_WorkstationId",
                table: "dsp_enterprise_profiles");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_notifications_EnterpriseId_WarningId_AcknowledgedAt",
                table: "dsp_notifications",
                columns: new[] { "EnterpriseId", "WarningId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dsp_notifications_WorkstationId",
                table: "dsp_notifications",
                column: "WorkstationId");

            migrationBuilder.CreateIndex(
                name: "IX_dsp_enterprise_profiles_ParkId",
                table: "dsp_enterprise_profiles",
                column: "ParkId");
        }
    }
}
