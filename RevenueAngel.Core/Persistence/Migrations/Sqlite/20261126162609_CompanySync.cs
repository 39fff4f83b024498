using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompanySync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "sync_completed_at",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sync_disconnected_at",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_last_error",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sync_members",
                table: "companies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_memberships",
                table: "companies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_plans",
                table: "companies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_products",
                table: "companies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "sync_progress",
                table: "companies",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sync_requested_at",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sync_started_at",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_status",
                table: "companies",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "whop_experience_id",
                table: "companies",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_companies_sync_requested_at",
                table: "companies",
                column: "sync_requested_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_companies_sync_requested_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_completed_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_disconnected_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_last_error",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_members",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_memberships",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_plans",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_products",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_progress",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_requested_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_started_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "sync_status",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "whop_experience_id",
                table: "companies");
        }
    }
}
