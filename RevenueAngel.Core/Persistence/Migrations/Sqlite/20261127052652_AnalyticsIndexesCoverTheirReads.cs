using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsIndexesCoverTheirReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_playbook_id",
                table: "sends");

            migrationBuilder.CreateIndex(
                name: "ix_sends_unsent",
                table: "sends",
                columns: new[] { "playbook_id", "scheduled_for" },
                filter: "sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_unsent",
                table: "sends");

            migrationBuilder.CreateIndex(
                name: "ix_sends_playbook_id",
                table: "sends",
                column: "playbook_id");
        }
    }
}
