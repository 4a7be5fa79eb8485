using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.SharedKernel.Live.Migrations
{
    /// <inheritdoc />
    public partial class DataStampsPerPark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stamps only (ADR 0041): without them every version reads as new, so each kept answer is computed once again.
            migrationBuilder.DropTable(
                name: "live_data_versions");

            migrationBuilder.CreateTable(
                name: "live_data_stamps",
                columns: table => new
                {
                    Module = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Scope = table.Column<string>(type: "varchar(40)", maxLength: 40, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_data_stamps", x => new { x.Module, x.Scope });
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "live_data_stamps");

            migrationBuilder.CreateTable(
                name: "live_data_versions",
                columns: table => new
                {
                    Module = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_data_versions", x => x.Module);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");
        }
    }
}
