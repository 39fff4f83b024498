using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
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
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    step_id = table.Column<long>(type: "bigint", nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent = table.Column<int>(type: "integer", nullable: false),
                    clicked = table.Column<int>(type: "integer", nullable: false)
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

            // Every writer of sends (the dispatcher, click tracking, bulk seeding, plain SQL) keeps the counts
            // exact in its own transaction: take the row's old contribution out, put its new one in.
            migrationBuilder.Sql("""
                CREATE FUNCTION count_send_hour() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.sent_at IS NOT NULL THEN
                        UPDATE send_hourly_counts
                        SET sent = sent - 1, clicked = clicked - CASE WHEN OLD.clicked_at IS NULL THEN 0 ELSE 1 END
                        WHERE company_id = OLD.company_id AND hour = date_trunc('hour', OLD.sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                          AND playbook_id = OLD.playbook_id AND step_id = OLD.step_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.sent_at IS NOT NULL THEN
                        INSERT INTO send_hourly_counts AS c (company_id, hour, playbook_id, step_id, sent, clicked)
                        VALUES (NEW.company_id, date_trunc('hour', NEW.sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', NEW.playbook_id, NEW.step_id,
                                1, CASE WHEN NEW.clicked_at IS NULL THEN 0 ELSE 1 END)
                        ON CONFLICT (company_id, hour, playbook_id, step_id)
                        DO UPDATE SET sent = c.sent + 1, clicked = c.clicked + EXCLUDED.clicked;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER sends_count_hour_on_insert AFTER INSERT ON sends
                    FOR EACH ROW WHEN (NEW.sent_at IS NOT NULL) EXECUTE FUNCTION count_send_hour();
                CREATE TRIGGER sends_count_hour_on_update AFTER UPDATE OF sent_at, clicked_at ON sends
                    FOR EACH ROW WHEN (OLD.sent_at IS DISTINCT FROM NEW.sent_at OR (OLD.clicked_at IS NULL) <> (NEW.clicked_at IS NULL))
                    EXECUTE FUNCTION count_send_hour();
                CREATE TRIGGER sends_count_hour_on_delete AFTER DELETE ON sends
                    FOR EACH ROW WHEN (OLD.sent_at IS NOT NULL) EXECUTE FUNCTION count_send_hour();

                INSERT INTO send_hourly_counts (company_id, hour, playbook_id, step_id, sent, clicked)
                SELECT company_id, date_trunc('hour', sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', playbook_id, step_id, count(*), count(clicked_at)
                FROM sends WHERE sent_at IS NOT NULL
                GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sends_count_hour_on_insert ON sends;
                DROP TRIGGER sends_count_hour_on_update ON sends;
                DROP TRIGGER sends_count_hour_on_delete ON sends;
                DROP FUNCTION count_send_hour();
                """);

            migrationBuilder.DropTable(
                name: "send_hourly_counts");
        }
    }
}
