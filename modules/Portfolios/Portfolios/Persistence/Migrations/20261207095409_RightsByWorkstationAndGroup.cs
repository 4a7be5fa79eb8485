using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RightsByWorkstationAndGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_pf_ip_rights_WorkstationId_Jurisdiction_Kind_Status_Enterpri~",
                table: "pf_ip_rights",
                columns: new[] { "WorkstationId", "Jurisdiction", "Kind", "Status", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_ip_rights_WorkstationId_Jurisdiction_Kind_Status_Enterpri~",
                table: "pf_ip_rights");
        }
    }
}
