using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnPaymentRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "own_retry_days",
                table: "playbooks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "own_retry_limit",
                table: "playbooks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.CreateTable(
                name: "payment_retries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payment_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "INTEGER", nullable: false),
                    attempted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_retries", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_retries_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_retries_company_id",
                table: "payment_retries",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_retries_payment_id_attempted_at",
                table: "payment_retries",
                columns: new[] { "payment_id", "attempted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_retries");

            migrationBuilder.DropColumn(
                name: "own_retry_days",
                table: "playbooks");

            migrationBuilder.DropColumn(
                name: "own_retry_limit",
                table: "playbooks");
        }
    }
}
