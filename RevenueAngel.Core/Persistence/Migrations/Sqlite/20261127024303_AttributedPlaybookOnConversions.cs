using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttributedPlaybookOnConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Added with their references in place: SQLite can add a nullable column with a foreign key, whereas
            // EF's separate AddForeignKey would rebuild the table (outside a transaction, before the backfill below).
            migrationBuilder.Sql("ALTER TABLE conversions ADD COLUMN attributed_playbook_id INTEGER NULL CONSTRAINT fk_conversions_playbooks_attributed_playbook_id REFERENCES playbooks (id) ON DELETE SET NULL;");
            migrationBuilder.Sql("ALTER TABLE conversions ADD COLUMN attributed_step_id INTEGER NULL CONSTRAINT fk_conversions_playbook_steps_attributed_step_id REFERENCES playbook_steps (id) ON DELETE SET NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_attributed_playbook_id",
                table: "conversions",
                column: "attributed_playbook_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_attributed_step_id",
                table: "conversions",
                column: "attributed_step_id");

            // Conversions recorded before this migration take their send's playbook and step.
            migrationBuilder.Sql("""
                UPDATE conversions
                SET attributed_playbook_id = (SELECT s.playbook_id FROM sends s WHERE s.id = conversions.attributed_send_id),
                    attributed_step_id = (SELECT s.step_id FROM sends s WHERE s.id = conversions.attributed_send_id)
                WHERE attributed_send_id IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_conversions_playbook_steps_attributed_step_id",
                table: "conversions");

            migrationBuilder.DropForeignKey(
                name: "fk_conversions_playbooks_attributed_playbook_id",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_attributed_playbook_id",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_attributed_step_id",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "attributed_playbook_id",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "attributed_step_id",
                table: "conversions");
        }
    }
}
