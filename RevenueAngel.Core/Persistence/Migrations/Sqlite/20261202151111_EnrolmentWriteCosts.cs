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

            // The dropped foreign keys stay dropped on SQLite: adding one back rebuilds the table, and a rebuild loses the
            // table's hourly-count triggers, which the migrations below this one expect to find. They only checked what the
            // enrolment's key implies.
        }
    }
}
