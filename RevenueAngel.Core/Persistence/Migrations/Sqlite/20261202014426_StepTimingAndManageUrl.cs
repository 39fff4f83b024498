using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepTimingAndManageUrl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "timing",
                table: "playbook_steps",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "after_previous");

            migrationBuilder.AddColumn<string>(
                name: "manage_url",
                table: "memberships",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "timing",
                table: "playbook_steps");

            migrationBuilder.DropColumn(
                name: "manage_url",
                table: "memberships");
        }
    }
}
