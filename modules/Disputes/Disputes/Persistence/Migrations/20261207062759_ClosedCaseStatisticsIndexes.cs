using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Disputes.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClosedCaseStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_dsp_cases_ParkId_Outcome_ClosedOn_OpenedOn_EnterpriseId",
                table: "dsp_cases",
                columns: new[] { "ParkId", "Outcome", "ClosedOn", "OpenedOn", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_dsp_case_amounts_CaseId_Kind_Currency_Amount",
                table: "dsp_case_amounts",
                columns: new[] { "CaseId", "Kind", "Currency", "Amount" });

            // After the covering index exists: MariaDB refuses to drop the only index its foreign key to the case uses.
            migrationBuilder.DropIndex(
                name: "IX_dsp_case_amounts_CaseId",
                table: "dsp_case_amounts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_dsp_case_amounts_CaseId",
                table: "dsp_case_amounts",
                column: "CaseId");

            migrationBuilder.DropIndex(
                name: "IX_dsp_cases_ParkId_Outcome_ClosedOn_OpenedOn_EnterpriseId",
                table: "dsp_cases");

            migrationBuilder.DropIndex(
                name: "IX_dsp_case_amounts_CaseId_Kind_Currency_Amount",
                table: "dsp_case_amounts");
        }
    }
}
