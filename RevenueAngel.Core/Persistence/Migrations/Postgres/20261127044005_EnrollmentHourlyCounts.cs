using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrollmentHourlyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "enrollment_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entered = table.Column<int>(type: "integer", nullable: false),
                    converted = table.Column<int>(type: "integer", nullable: false),
                    ended = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollment_hourly_counts", x => new { x.company_id, x.hour, x.playbook_id, x.group });
                    table.ForeignKey(
                        name: "fk_enrollment_hourly_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_ended_at",
                table: "enrollments",
                columns: new[] { "company_id", "ended_at" },
                filter: "ended_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "group" });

            // One trigger call per statement, not per row: the scheduler enrols and ends thousands of enrolments in
            // one statement, and their changes arrive here as transition tables, added up per hour in one upsert.
            // An update's old rows count -1 and its new rows +1, so rows whose counted columns did not change
            // cancel out. Rows are upserted in key order so concurrent writers lock the counts in the same order.
            migrationBuilder.Sql("""
                CREATE FUNCTION count_enrollment_hours() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changes text := CASE TG_OP
                        WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
                        WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
                        ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
                BEGIN
                    EXECUTE format($sql$
                        INSERT INTO enrollment_hourly_counts AS c (company_id, hour, playbook_id, "group", entered, converted, ended)
                        SELECT company_id, hour, playbook_id, "group", sum(entered), sum(converted), sum(ended)
                        FROM (
                            SELECT company_id, date_trunc('hour', entered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, playbook_id,
                                   coalesce("group", '') AS "group", sign AS entered,
                                   CASE WHEN status = 'converted' THEN sign ELSE 0 END AS converted, 0 AS ended
                            FROM (%1$s) changes
                            UNION ALL
                            SELECT company_id, date_trunc('hour', ended_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', playbook_id,
                                   coalesce("group", ''), 0, 0, sign
                            FROM (%1$s) changes WHERE ended_at IS NOT NULL
                        ) deltas
                        GROUP BY 1, 2, 3, 4
                        HAVING sum(entered) <> 0 OR sum(converted) <> 0 OR sum(ended) <> 0
                        ORDER BY 1, 2, 3, 4
                        ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE
                        SET entered = c.entered + EXCLUDED.entered, converted = c.converted + EXCLUDED.converted, ended = c.ended + EXCLUDED.ended
                        $sql$, changes);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER enrollments_count_hours_on_insert AFTER INSERT ON enrollments
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_hours();
                CREATE TRIGGER enrollments_count_hours_on_update AFTER UPDATE ON enrollments
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_hours();
                CREATE TRIGGER enrollments_count_hours_on_delete AFTER DELETE ON enrollments
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_hours();

                INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                SELECT company_id, hour, playbook_id, "group", sum(entered), sum(converted), sum(ended)
                FROM (
                    SELECT company_id, date_trunc('hour', entered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, playbook_id,
                           coalesce("group", '') AS "group", 1 AS entered, CASE WHEN status = 'converted' THEN 1 ELSE 0 END AS converted, 0 AS ended
                    FROM enrollments
                    UNION ALL
                    SELECT company_id, date_trunc('hour', ended_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', playbook_id, coalesce("group", ''), 0, 0, 1
                    FROM enrollments WHERE ended_at IS NOT NULL
                ) counted
                GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER enrollments_count_hours_on_insert ON enrollments;
                DROP TRIGGER enrollments_count_hours_on_update ON enrollments;
                DROP TRIGGER enrollments_count_hours_on_delete ON enrollments;
                DROP FUNCTION count_enrollment_hours();
                """);

            migrationBuilder.DropTable(
                name: "enrollment_hourly_counts");

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_ended_at",
                table: "enrollments");
        }
    }
}
