using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompanySync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sync_completed_at",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sync_disconnected_at",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_last_error",
                table: "companies",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sync_members",
                table: "companies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_memberships",
                table: "companies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_plans",
                table: "companies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sync_products",
                table: "companies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "sync_progress",
                table: "companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sync_requested_at",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sync_started_at",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_status",
                table: "companies",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "whop_experience_id",
                table: "companies",
                type: "character varying(64)",
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
