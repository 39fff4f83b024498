using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SendHourlyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "send_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    sent = table.Column<int>(type: "INTEGER", nullable: false),
                    clicked = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_send_hourly_counts", x => new { x.company_id, x.hour, x.playbook_id, x.step_id });
                    table.ForeignKey(
                        name: "fk_send_hourly_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every writer of sends (the dispatcher, click tracking, demo seeding, plain SQL) keeps the counts
            // exact in its own transaction: take the row's old contribution out, put its new one in. Instants
            // are UTC ticks here; an hour is 36,000,000,000 of them.
            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_hour_on_insert AFTER INSERT ON sends WHEN NEW.sent_at IS NOT NULL
                BEGIN
                    INSERT INTO send_hourly_counts (company_id, hour, playbook_id, step_id, sent, clicked)
                    VALUES (NEW.company_id, NEW.sent_at - NEW.sent_at % 36000000000, NEW.playbook_id, NEW.step_id, 1, NEW.clicked_at IS NOT NULL)
                    ON CONFLICT (company_id, hour, playbook_id, step_id) DO UPDATE SET sent = sent + 1, clicked = clicked + excluded.clicked;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_hour_on_update AFTER UPDATE OF sent_at, clicked_at ON sends
                WHEN OLD.sent_at IS NOT NEW.sent_at OR (OLD.clicked_at IS NULL) <> (NEW.clicked_at IS NULL)
                BEGIN
                    UPDATE send_hourly_counts SET sent = sent - 1, clicked = clicked - (OLD.clicked_at IS NOT NULL)
                    WHERE OLD.sent_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.sent_at - OLD.sent_at % 36000000000
                      AND playbook_id = OLD.playbook_id AND step_id = OLD.step_id;
                    INSERT INTO send_hourly_counts (company_id, hour, playbook_id, step_id, sent, clicked)
                    SELECT NEW.company_id, NEW.sent_at - NEW.sent_at % 36000000000, NEW.playbook_id, NEW.step_id, 1, NEW.clicked_at IS NOT NULL
                    WHERE NEW.sent_at IS NOT NULL
                    ON CONFLICT (company_id, hour, playbook_id, step_id) DO UPDATE SET sent = sent + 1, clicked = clicked + excluded.clicked;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_hour_on_delete AFTER DELETE ON sends WHEN OLD.sent_at IS NOT NULL
                BEGIN
                    UPDATE send_hourly_counts SET sent = sent - 1, clicked = clicked - (OLD.clicked_at IS NOT NULL)
                    WHERE company_id = OLD.company_id AND hour = OLD.sent_at - OLD.sent_at % 36000000000
                      AND playbook_id = OLD.playbook_id AND step_id = OLD.step_id;
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO send_hourly_counts (company_id, hour, playbook_id, step_id, sent, clicked)
                SELECT company_id, sent_at - sent_at % 36000000000, playbook_id, step_id, count(*), count(clicked_at)
                FROM sends WHERE sent_at IS NOT NULL
                GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sends_count_hour_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER sends_count_hour_on_update;");
            migrationBuilder.Sql("DROP TRIGGER sends_count_hour_on_delete;");

            migrationBuilder.DropTable(
                name: "send_hourly_counts");
        }
    }
}
