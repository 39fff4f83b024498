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
            migrationBuilder.AddColumn<long>(
                name: "attributed_playbook_id",
                table: "conversions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "attributed_step_id",
                table: "conversions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_attributed_playbook_id",
                table: "conversions",
                column: "attributed_playbook_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_attributed_step_id",
                table: "conversions",
                column: "attributed_step_id");

            migrationBuilder.AddForeignKey(
                name: "fk_conversions_playbook_steps_attributed_step_id",
                table: "conversions",
                column: "attributed_step_id",
                principalTable: "playbook_steps",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_conversions_playbooks_attributed_playbook_id",
                table: "conversions",
                column: "attributed_playbook_id",
                principalTable: "playbooks",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

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
