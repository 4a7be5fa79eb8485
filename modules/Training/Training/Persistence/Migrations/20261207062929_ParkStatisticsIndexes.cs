using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Training.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_trn_sessions_ParkId_StartsAt",
                table: "trn_sessions",
                columns: new[] { "ParkId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_trn_attendee_feedback_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback",
                columns: new[] { "RegistrationId", "Satisfaction" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_trn_sessions_ParkId_StartsAt",
                table: "trn_sessions");

            migrationBuilder.DropIndex(
                name: "IX_trn_attendee_feedback_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback");
        }
    }
}
