using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Enterprises.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CertificationsCarryTheirPark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_EnterpriseId_Platform_Status_ExpiresOn",
                table: "ent_certifications");

            migrationBuilder.AddColumn<Guid>(
                name: "ParkId",
                table: "ent_certifications",
                type: "char(36)",
                nullable: true,
                collation: "ascii_general_ci");

            // Certifications recorded before carry their enterprise's park (CertificationParks; ADR 0031, amended).
            migrationBuilder.Sql("""
                UPDATE ent_certifications c JOIN ent_enterprises e ON e.Id = c.EnterpriseId
                SET c.ParkId = e.ParkId
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_ParkId_Platform_Status_ExpiresOn",
                table: "ent_certifications",
                columns: new[] { "ParkId", "Platform", "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_ParkId_Status_ExpiresOn_EnterpriseId",
                table: "ent_certifications",
                columns: new[] { "ParkId", "Status", "ExpiresOn", "EnterpriseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_ParkId_Platform_Status_ExpiresOn",
                table: "ent_certifications");

            migrationBuilder.DropIndex(
                name: "IX_ent_certifications_ParkId_Status_ExpiresOn_EnterpriseId",
                table: "ent_certifications");

            migrationBuilder.DropColumn(
                name: "ParkId",
                table: "ent_certifications");

            migrationBuilder.CreateIndex(
                name: "IX_ent_certifications_EnterpriseId_Platform_Status_ExpiresOn",
                table: "ent_certifications",
                columns: new[] { "EnterpriseId", "Platform", "Status", "ExpiresOn" });
        }
    }
}
