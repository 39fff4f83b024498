using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends");

            migrationBuilder.CreateIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends",
                columns: new[] { "company_id", "sent_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "playbook_id", "clicked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "group", "ended_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends");

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.CreateIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends",
                columns: new[] { "company_id", "sent_at" });
        }
    }
}
