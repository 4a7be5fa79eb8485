using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadlinesByWorkstationState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_pf_enterprise_placements_ParkId_WorkstationId",
                table: "pf_enterprise_placements",
                columns: new[] { "ParkId", "WorkstationId" });

            migrationBuilder.CreateIndex(
                name: "IX_pf_deadlines_WorkstationId_State_DueOn_EnterpriseId",
                table: "pf_deadlines",
                columns: new[] { "WorkstationId", "State", "DueOn", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_enterprise_placements_ParkId_WorkstationId",
                table: "pf_enterprise_placements");

            migrationBuilder.DropIndex(
                name: "IX_pf_deadlines_WorkstationId_State_DueOn_EnterpriseId",
                table: "pf_deadlines");
        }
    }
}
