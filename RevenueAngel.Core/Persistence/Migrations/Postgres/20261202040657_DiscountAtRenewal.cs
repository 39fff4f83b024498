using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DiscountAtRenewal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "discount_applied_at",
                table: "save_offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "discount_applied_payment_id",
                table: "save_offers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "promo_code_id",
                table: "save_offers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_company_id_promo_code_id",
                table: "save_offers",
                columns: new[] { "company_id", "promo_code_id" },
                filter: "promo_code_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_save_offers_company_id_promo_code_id",
                table: "save_offers");

            migrationBuilder.DropColumn(
                name: "discount_applied_at",
                table: "save_offers");

            migrationBuilder.DropColumn(
                name: "discount_applied_payment_id",
                table: "save_offers");

            migrationBuilder.DropColumn(
                name: "promo_code_id",
                table: "save_offers");
        }
    }
}
