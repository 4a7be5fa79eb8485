using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Identity.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MailSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DeadlineDigestOff",
                table: "idn_users",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "idn_users",
                type: "varchar(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "zh", // people who existed before read their mail in Chinese, the default
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeadlineDigestOff",
                table: "idn_users");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "idn_users");
        }
    }
}
