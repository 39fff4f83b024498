using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "winner_variant",
                table: "playbook_steps",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "playbook_step_variants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    step_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    template_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbook_step_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_playbook_step_variants_message_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "message_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_playbook_step_variants_playbook_steps_step_id",
                        column: x => x.step_id,
                        principalTable: "playbook_steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_playbook_step_variants_step_id_key",
                table: "playbook_step_variants",
                columns: new[] { "step_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_playbook_step_variants_template_id",
                table: "playbook_step_variants",
                column: "template_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "playbook_step_variants");

            migrationBuilder.DropColumn(
                name: "winner_variant",
                table: "playbook_steps");
        }
    }
}
