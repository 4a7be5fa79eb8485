using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Enterprises.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CertificationStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_Status_ExpiresOn",
                table: "ent_certifications");

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_EnterpriseId_Platform_Status_ExpiresOn",
                table: "ent_certifications",
                columns: new[] { "EnterpriseId", "Platform", "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_Status_ExpiresOn_EnterpriseId",
                table: "ent_certifications",
                columns: new[] { "Status", "ExpiresOn", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_EnterpriseId_Platform_Status_ExpiresOn",
                table: "ent_certifications");

            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_Status_ExpiresOn_EnterpriseId",
                table: "ent_certifications");

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_Status_ExpiresOn",
                table: "ent_certifications",
                columns: new[] { "Status", "ExpiresOn" });
        }
    }
}
