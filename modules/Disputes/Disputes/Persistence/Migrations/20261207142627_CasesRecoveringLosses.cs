using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Disputes.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CasesRecoveringLosses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RecoversLosses",
                table: "dsp_cases",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            // Cases that recorded a recovered loss before are marked as their writes now mark them (ADR 0039).
            migrationBuilder.Sql("""
                UPDATE dsp_cases c SET c.RecoversLosses = TRUE
                WHERE EXISTS (SELECT 1 FROM dsp_case_amounts a WHERE a.CaseId = c.Id AND a.Kind = 'LossesRecovered')
                """);

            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_ParkId_RecoversLosses_Outcome_ClosedOn_EnterpriseId",
                table: "dsp_cases",
                columns: new[] { "ParkId", "RecoversLosses", "Outcome", "ClosedOn", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_ParkId_RecoversLosses_Outcome_ClosedOn_EnterpriseId",
                table: "dsp_cases");

            migrationBuilder.DropColumn(
                name: "RecoversLosses",
                table: "dsp_cases");
        }
    }
}
