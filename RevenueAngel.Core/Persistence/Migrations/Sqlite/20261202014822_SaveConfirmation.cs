using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaveConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "confirmed_by_payment_id",
                table: "conversions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recovered_by",
                table: "conversions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "settled_at",
                table: "conversions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "conversions",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                // Conversions recorded before this counted at once; they stay counted.
                defaultValue: "confirmed");

            migrationBuilder.AddColumn<string>(
                name: "whop_membership_id",
                table: "conversions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_whop_membership_id_state",
                table: "conversions",
                columns: new[] { "whop_membership_id", "state" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversions_whop_membership_id_state",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "confirmed_by_payment_id",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "recovered_by",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "settled_at",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "state",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "whop_membership_id",
                table: "conversions");
        }
    }
}
