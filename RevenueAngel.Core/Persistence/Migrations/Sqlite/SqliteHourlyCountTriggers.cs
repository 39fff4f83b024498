namespace RevenueAngel.Core.Persistence.Migrations.Sqlite;

/// The hourly-count triggers on sends and enrolments as SendHourlyCounts and EnrollmentHourlyCounts created them.
/// SQLite drops a table's triggers when EF rebuilds the table (to drop a foreign key, say); a migration that
/// rebuilds sends or enrollments creates them again from here, in a later migration (EF runs rebuilds last).
internal static class SqliteHourlyCountTriggers
{
    public static readonly string[] OnSends =
    [
        """
        CREATE TRIGGER sends_count_hour_on_insert AFTER INSERT ON sends WHEN NEW.sent_at IS NOT NULL
        BEGIN
            INSERT INTO send_hourly_counts (company_id, hour, playbook_id, step_id, sent, clicked)
            VALUES (NEW.company_id, NEW.sent_at - NEW.sent_at % 36000000000, NEW.playbook_id, NEW.step_id, 1, NEW.clicked_at IS NOT NULL)
            ON CONFLICT (company_id, hour, playbook_id, step_id) DO UPDATE SET sent = sent + 1, clicked = clicked + excluded.clicked;
        END;
        """,
        """
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
        """,
        """
        CREATE TRIGGER sends_count_hour_on_delete AFTER DELETE ON sends WHEN OLD.sent_at IS NOT NULL
        BEGIN
            UPDATE send_hourly_counts SET sent = sent - 1, clicked = clicked - (OLD.clicked_at IS NOT NULL)
            WHERE company_id = OLD.company_id AND hour = OLD.sent_at - OLD.sent_at % 36000000000
              AND playbook_id = OLD.playbook_id AND step_id = OLD.step_id;
        END;
        """,
    ];

    public static readonly string[] OnEnrollments =
    [
        """
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
        """,
        """
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
        """,
        """
        CREATE TRIGGER enrollments_count_hours_on_delete AFTER DELETE ON enrollments
        BEGIN
            UPDATE enrollment_hourly_counts SET entered = entered - 1, converted = converted - (OLD.status = 'converted')
            WHERE company_id = OLD.company_id AND hour = OLD.entered_at - OLD.entered_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
            UPDATE enrollment_hourly_counts SET ended = ended - 1
            WHERE OLD.ended_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.ended_at - OLD.ended_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
        END;
        """,
    ];

    public static readonly string[] Names =
    [
        "sends_count_hour_on_insert", "sends_count_hour_on_update", "sends_count_hour_on_delete",
        "enrollments_count_hours_on_insert", "enrollments_count_hours_on_update", "enrollments_count_hours_on_delete",
    ];

    public static void Create(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnSends.Concat(OnEnrollments)) migrationBuilder.Sql(sql);
    }
}
