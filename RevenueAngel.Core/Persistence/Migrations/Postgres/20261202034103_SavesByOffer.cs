using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SavesByOffer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "save_offer_id",
                table: "conversions",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_save_offer_id",
                table: "conversions",
                column: "save_offer_id",
                unique: true,
                filter: "save_offer_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_conversions_save_offers_save_offer_id",
                table: "conversions",
                column: "save_offer_id",
                principalTable: "save_offers",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_conversions_save_offers_save_offer_id",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_save_offer_id",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "save_offer_id",
                table: "conversions");
        }
    }
}
