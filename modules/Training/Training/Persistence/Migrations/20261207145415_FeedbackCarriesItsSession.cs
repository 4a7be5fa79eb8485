using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Training.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackCarriesItsSession : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_trn_attendee_feedback_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback");

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "trn_attendee_feedback",
                type: "char(36)",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                collation: "ascii_general_ci");

            // Feedback given before carries its registration's session, as GiveFeedback now writes it (ADR 0039).
            migrationBuilder.Sql("""
                UPDATE trn_attendee_feedback f JOIN trn_registrations r ON r.Id = f.RegistrationId
                SET f.SessionId = r.SessionId
                """);

            migrationBuilder.CreateIndex(
                name: "IX_trn_attendee_feedback_SessionId_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback",
                columns: new[] { "SessionId", "RegistrationId", "Satisfaction" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_trn_attendee_feedback_SessionId_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "trn_attendee_feedback");

            migrationBuilder.CreateIndex(
                name: "IX_trn_attendee_feedback_RegistrationId_Satisfaction",
                table: "trn_attendee_feedback",
                columns: new[] { "RegistrationId", "Satisfaction" });
        }
    }
}
