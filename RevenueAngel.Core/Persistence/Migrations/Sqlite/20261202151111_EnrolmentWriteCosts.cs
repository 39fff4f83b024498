using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnrolmentWriteCosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_enrollments_companies_company_id",
                table: "enrollments");

            migrationBuilder.DropForeignKey(
                name: "fk_sends_companies_company_id",
                table: "sends");

            migrationBuilder.DropForeignKey(
                name: "fk_sends_playbooks_playbook_id",
                table: "sends");

            migrationBuilder.DropIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends");

            migrationBuilder.CreateIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends",
                columns: new[] { "company_id", "sent_at" },
                filter: "sent_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends");

            migrationBuilder.CreateIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends",
                columns: new[] { "company_id", "sent_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_enrollments_companies_company_id",
                table: "enrollments",
                column: "company_id",
                principalTable: "companies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_sends_companies_company_id",
                table: "sends",
                column: "company_id",
                principalTable: "companies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_sends_playbooks_playbook_id",
                table: "sends",
                column: "playbook_id",
                principalTable: "playbooks",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
