using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Enterprises.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EnterpriseProfileKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProfileKey",
                table: "ent_enterprises",
                type: "char(32)",
                unicode: false,
                fixedLength: true,
                maxLength: 32,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "ascii");

            // Existing records get the key Enterprise.ProfileKey computes (ADR 0035; ImportTests holds the two equal).
            migrationBuilder.Sql("""
                UPDATE ent_enterprises
                SET ProfileKey = LEFT(SHA2(CONCAT_WS(CHAR(31 USING utf8mb4), LegalForm, MarketCodes, PlatformCodes, ProductCategories), 256), 32)
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ent_enterprises_ParkId_ProfileKey",
                table: "ent_enterprises",
                columns: new[] { "ParkId", "ProfileKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ent_enterprises_ParkId_ProfileKey",
                table: "ent_enterprises");

            migrationBuilder.DropColumn(
                name: "ProfileKey",
                table: "ent_enterprises");
        }
    }
}
