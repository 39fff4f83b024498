using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
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
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "INTEGER", nullable: false),
                    group = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    entered = table.Column<int>(type: "INTEGER", nullable: false),
                    converted = table.Column<int>(type: "INTEGER", nullable: false),
                    ended = table.Column<int>(type: "INTEGER", nullable: false)
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
                filter: "ended_at IS NOT NULL");

            // Every writer of enrolments keeps the counts exact in its own transaction: an enrolment counts +1 in the
            // hour it entered (and as converted there while it is) and +1 in the hour it ended. Instants are UTC
            // ticks here; an hour is 36,000,000,000 of them.
            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_insert AFTER INSERT ON enrollments
                BEGIN
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                    VALUES (NEW.company_id, NEW.entered_at - NEW.entered_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''),
                            1, NEW.status = 'converted', 0)
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET entered = entered + 1, converted = converted + excluded.converted;
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                    SELECT NEW.company_id, NEW.ended_at - NEW.ended_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''), 0, 0, 1
                    WHERE NEW.ended_at IS NOT NULL
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET ended = ended + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_update AFTER UPDATE OF company_id, playbook_id, "group", entered_at, status, ended_at ON enrollments
                WHEN OLD.company_id IS NOT NEW.company_id OR OLD.playbook_id IS NOT NEW.playbook_id OR OLD."group" IS NOT NEW."group"
                  OR OLD.entered_at IS NOT NEW.entered_at OR OLD.status IS NOT NEW.status OR OLD.ended_at IS NOT NEW.ended_at
                BEGIN
                    UPDATE enrollment_hourly_counts SET entered = entered - 1, converted = converted - (OLD.status = 'converted')
                    WHERE company_id = OLD.company_id AND hour = OLD.entered_at - OLD.entered_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    UPDATE enrollment_hourly_counts SET ended = ended - 1
                    WHERE OLD.ended_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.ended_at - OLD.ended_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                    VALUES (NEW.company_id, NEW.entered_at - NEW.entered_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''),
                            1, NEW.status = 'converted', 0)
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET entered = entered + 1, converted = converted + excluded.converted;
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                    SELECT NEW.company_id, NEW.ended_at - NEW.ended_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''), 0, 0, 1
                    WHERE NEW.ended_at IS NOT NULL
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET ended = ended + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_delete AFTER DELETE ON enrollments
                BEGIN
                    UPDATE enrollment_hourly_counts SET entered = entered - 1, converted = converted - (OLD.status = 'converted')
                    WHERE company_id = OLD.company_id AND hour = OLD.entered_at - OLD.entered_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    UPDATE enrollment_hourly_counts SET ended = ended - 1
                    WHERE OLD.ended_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.ended_at - OLD.ended_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended)
                SELECT company_id, hour, playbook_id, "group", sum(entered), sum(converted), sum(ended)
                FROM (
                    SELECT company_id, entered_at - entered_at % 36000000000 AS hour, playbook_id, coalesce("group", '') AS "group",
                           1 AS entered, status = 'converted' AS converted, 0 AS ended
                    FROM enrollments
                    UNION ALL
                    SELECT company_id, ended_at - ended_at % 36000000000, playbook_id, coalesce("group", ''), 0, 0, 1
                    FROM enrollments WHERE ended_at IS NOT NULL
                )
                GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_update;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_delete;");

            migrationBuilder.DropTable(
                name: "enrollment_hourly_counts");

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_ended_at",
                table: "enrollments");
        }
    }
}
