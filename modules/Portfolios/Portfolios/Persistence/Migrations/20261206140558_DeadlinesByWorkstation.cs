using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpShield.Portfolios.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadlinesByWorkstation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_deadlines_WorkstationId",
                table: "pf_deadlines");

            migrationBuilder.CreateIndex(
                name: "IX_pf_deadlines_WorkstationId_DueOn_Id",
                table: "pf_deadlines",
                columns: new[] { "WorkstationId", "DueOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pf_deadlines_WorkstationId_DueOn_Id",
                table: "pf_deadlines");

            migrationBuilder.CreateIndex(
                name: "IX_pf_deadlines_WorkstationId",
                table: "pf_deadlines",
                column: "WorkstationId");
        }
    }
}
