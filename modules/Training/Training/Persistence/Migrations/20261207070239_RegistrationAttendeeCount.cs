using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Training.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationAttendeeCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttendeeCount",
                table: "trn_registrations",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Registrations already stored: their named attendees, as the list's converter reads them (line-feed separated).
            migrationBuilder.Sql("""
                UPDATE trn_registrations
                SET AttendeeCount = CASE WHEN Attendees = '' THEN 0 ELSE 1 + CHAR_LENGTH(Attendees) - CHAR_LENGTH(REPLACE(Attendees, '\n', '')) END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_trn_registrations_SessionId_Status_EnterpriseId_AttendeeCoun~",
                table: "trn_registrations",
                columns: new[] { "SessionId", "Status", "EnterpriseId", "AttendeeCount", "Satisfaction" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_trn_registrations_SessionId_Status_EnterpriseId_AttendeeCoun~",
                table: "trn_registrations");

            migrationBuilder.DropColumn(
                name: "AttendeeCount",
                table: "trn_registrations");
        }
    }
}
