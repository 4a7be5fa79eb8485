using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_deadlines_EnterpriseId_DueOn",
                table: "pf_deadlines");

            migrationBuilder.CreateIndex(
                name: "IX_pf_ip_rights_EnterpriseId_Kind_Status_Jurisdiction",
                table: "pf_ip_rights",
                columns: new[] { "EnterpriseId", "Kind", "Status", "Jurisdiction" });

            migrationBuilder.CreateIndex(
                name: "IX_pf_deadlines_EnterpriseId_DueOn_State",
                table: "pf_deadlines",
                columns: new[] { "EnterpriseId", "DueOn", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_ip_rights_EnterpriseId_Kind_Status_Jurisdiction",
                table: "pf_ip_rights");

            migrationBuilder.DropIndex(
                name: "IX_pf_deadlines_EnterpriseId_DueOn_State",
                table: "pf_deadlines");

            migrationBuilder.CreateIndex(
                name: "IX_pf_deadlines_EnterpriseId_DueOn",
                table: "pf_deadlines",
                columns: new[] { "EnterpriseId", "DueOn" });
        }
    }
}
