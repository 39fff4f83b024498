using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
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

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_sends_unsent",
                table: "sends",
                columns: new[] { "playbook_id", "scheduled_for" },
                filter: "sent_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "step_id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "status", "group", "ended_at", "playbook_id", "subject_kind", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions",
                columns: new[] { "company_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "member_id", "type", "revenue_cents", "currency", "attributed_playbook_id", "attributed_step_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sends_unsent",
                table: "sends");

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_sends_playbook_id",
                table: "sends",
                column: "playbook_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "group", "ended_at", "playbook_id", "subject_kind", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions",
                columns: new[] { "company_id", "created_at" });
        }
    }
}
