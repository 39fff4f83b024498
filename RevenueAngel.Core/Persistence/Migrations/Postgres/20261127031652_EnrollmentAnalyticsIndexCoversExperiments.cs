using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrollmentAnalyticsIndexCoversExperiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "group", "ended_at", "playbook_id", "subject_kind", "subject_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "group", "ended_at" });
        }
    }
}
