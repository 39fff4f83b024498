using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnrolmentRevenue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "revenue_cents",
                table: "enrollments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "revenue_cents",
                table: "enrollment_hourly_counts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<double>(
                name: "revenue_squares",
                table: "enrollment_hourly_counts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "attributed_sent_at",
                table: "conversions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "send_channel_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sends = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_send_channel_hourly_counts", x => new { x.company_id, x.hour, x.channel, x.outcome });
                    table.ForeignKey(
                        name: "fk_send_channel_hourly_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The same rollups as on PostgreSQL (see its EnrolmentRevenue migration for the rules), per row: SQLite has
            // no statement triggers. Instants are UTC ticks; an hour is 36,000,000,000 of them.
            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_channel_hour_on_insert AFTER INSERT ON sends
                BEGIN
                    INSERT INTO send_channel_hourly_counts (company_id, hour, channel, outcome, sends)
                    VALUES (NEW.company_id, coalesce(NEW.sent_at, NEW.scheduled_for) - coalesce(NEW.sent_at, NEW.scheduled_for) % 36000000000, NEW.channel, CASE NEW.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END, 1)
                    ON CONFLICT (company_id, hour, channel, outcome) DO UPDATE SET sends = sends + 1;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_channel_hour_on_update AFTER UPDATE OF company_id, channel, status, sent_at, scheduled_for ON sends
                WHEN OLD.company_id IS NOT NEW.company_id OR OLD.channel IS NOT NEW.channel OR (CASE OLD.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END) IS NOT (CASE NEW.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END)
                  OR (coalesce(OLD.sent_at, OLD.scheduled_for) - coalesce(OLD.sent_at, OLD.scheduled_for) % 36000000000) IS NOT (coalesce(NEW.sent_at, NEW.scheduled_for) - coalesce(NEW.sent_at, NEW.scheduled_for) % 36000000000)
                BEGIN
                    UPDATE send_channel_hourly_counts SET sends = sends - 1
                    WHERE company_id = OLD.company_id AND hour = coalesce(OLD.sent_at, OLD.scheduled_for) - coalesce(OLD.sent_at, OLD.scheduled_for) % 36000000000 AND channel = OLD.channel AND outcome = CASE OLD.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END;
                    INSERT INTO send_channel_hourly_counts (company_id, hour, channel, outcome, sends)
                    VALUES (NEW.company_id, coalesce(NEW.sent_at, NEW.scheduled_for) - coalesce(NEW.sent_at, NEW.scheduled_for) % 36000000000, NEW.channel, CASE NEW.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END, 1)
                    ON CONFLICT (company_id, hour, channel, outcome) DO UPDATE SET sends = sends + 1;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER sends_count_channel_hour_on_delete AFTER DELETE ON sends
                BEGIN
                    UPDATE send_channel_hourly_counts SET sends = sends - 1
                    WHERE company_id = OLD.company_id AND hour = coalesce(OLD.sent_at, OLD.scheduled_for) - coalesce(OLD.sent_at, OLD.scheduled_for) % 36000000000 AND channel = OLD.channel AND outcome = CASE OLD.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END;
                END;
                """);

            migrationBuilder.Sql("""
                INSERT INTO send_channel_hourly_counts (company_id, hour, channel, outcome, sends)
                SELECT company_id, coalesce(s.sent_at, s.scheduled_for) - coalesce(s.sent_at, s.scheduled_for) % 36000000000, channel, CASE s.status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled' ELSE 'pending' END, count(*)
                FROM sends s
                GROUP BY 1, 2, 3, 4;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER conversions_copy_sent_at_on_insert AFTER INSERT ON conversions WHEN NEW.attributed_send_id IS NOT NULL
                BEGIN
                    UPDATE conversions SET attributed_sent_at = (SELECT sent_at FROM sends WHERE id = NEW.attributed_send_id) WHERE id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER conversions_copy_sent_at_on_update AFTER UPDATE OF attributed_send_id ON conversions
                BEGIN
                    UPDATE conversions SET attributed_sent_at = (SELECT sent_at FROM sends WHERE id = NEW.attributed_send_id) WHERE id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER sends_retime_conversions_on_update AFTER UPDATE OF sent_at ON sends
                WHEN OLD.sent_at IS NOT NULL AND OLD.sent_at IS NOT NEW.sent_at
                BEGIN
                    UPDATE conversions SET attributed_sent_at = NEW.sent_at WHERE attributed_send_id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                UPDATE conversions SET attributed_sent_at = (SELECT s.sent_at FROM sends s WHERE s.id = conversions.attributed_send_id)
                WHERE attributed_send_id IS NOT NULL;
                """);

            migrationBuilder.Sql("""
                DROP TRIGGER enrollments_count_hours_on_insert;
                DROP TRIGGER enrollments_count_hours_on_update;
                DROP TRIGGER enrollments_count_hours_on_delete;
                """);

            migrationBuilder.Sql("""
                UPDATE enrollments SET revenue_cents = (SELECT coalesce(sum(CASE WHEN c.state = 'confirmed' THEN c.revenue_cents ELSE 0 END + c.adjusted_cents), 0)
                     FROM conversions c
                     WHERE c.company_id = enrollments.company_id AND c.created_at >= enrollments.entered_at AND (enrollments.ended_at IS NULL OR c.created_at <= enrollments.ended_at)
                       AND c.member_id IN (SELECT enrollments.subject_id WHERE enrollments.subject_kind = 'member'
                                           UNION ALL
                                           SELECT m.id FROM leads l JOIN members m ON m.company_id = enrollments.company_id AND m.whop_user_id = l.whop_user_id
                                           WHERE enrollments.subject_kind = 'lead' AND l.id = enrollments.subject_id));
                """);

            migrationBuilder.Sql("""
                UPDATE enrollment_hourly_counts SET
                    revenue_cents = (SELECT coalesce(sum(e.revenue_cents), 0) FROM enrollments e
                                     WHERE e.company_id = enrollment_hourly_counts.company_id AND e.playbook_id = enrollment_hourly_counts.playbook_id
                                       AND coalesce(e."group", '') = enrollment_hourly_counts."group"
                                       AND e.entered_at - e.entered_at % 36000000000 = enrollment_hourly_counts.hour),
                    revenue_squares = (SELECT coalesce(sum(1.0 * e.revenue_cents * e.revenue_cents), 0) FROM enrollments e
                                       WHERE e.company_id = enrollment_hourly_counts.company_id AND e.playbook_id = enrollment_hourly_counts.playbook_id
                                         AND coalesce(e."group", '') = enrollment_hourly_counts."group"
                                         AND e.entered_at - e.entered_at % 36000000000 = enrollment_hourly_counts.hour);
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_insert AFTER INSERT ON enrollments
                BEGIN
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended, revenue_cents, revenue_squares)
                    VALUES (NEW.company_id, NEW.entered_at - NEW.entered_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''),
                            1, NEW.status = 'converted', 0, NEW.revenue_cents, 1.0 * NEW.revenue_cents * NEW.revenue_cents)
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET entered = entered + 1, converted = converted + excluded.converted,
                        revenue_cents = revenue_cents + excluded.revenue_cents, revenue_squares = revenue_squares + excluded.revenue_squares;
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended, revenue_cents, revenue_squares)
                    SELECT NEW.company_id, NEW.ended_at - NEW.ended_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''), 0, 0, 1, 0, 0
                    WHERE NEW.ended_at IS NOT NULL
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET ended = ended + 1;
                    -- Last, so the row is counted before its revenue moves it (SQLite fires triggers of one event in no documented order).
                    UPDATE enrollments SET revenue_cents = (SELECT coalesce(sum(CASE WHEN c.state = 'confirmed' THEN c.revenue_cents ELSE 0 END + c.adjusted_cents), 0)
                     FROM conversions c
                     WHERE c.company_id = NEW.company_id AND c.created_at >= NEW.entered_at AND (NEW.ended_at IS NULL OR c.created_at <= NEW.ended_at)
                       AND c.member_id IN (SELECT NEW.subject_id WHERE NEW.subject_kind = 'member'
                                           UNION ALL
                                           SELECT m.id FROM leads l JOIN members m ON m.company_id = NEW.company_id AND m.whop_user_id = l.whop_user_id
                                           WHERE NEW.subject_kind = 'lead' AND l.id = NEW.subject_id)) WHERE id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_update AFTER UPDATE OF company_id, playbook_id, "group", entered_at, status, ended_at, revenue_cents ON enrollments
                WHEN OLD.company_id IS NOT NEW.company_id OR OLD.playbook_id IS NOT NEW.playbook_id OR OLD."group" IS NOT NEW."group"
                  OR OLD.entered_at IS NOT NEW.entered_at OR OLD.status IS NOT NEW.status OR OLD.ended_at IS NOT NEW.ended_at
                  OR OLD.revenue_cents IS NOT NEW.revenue_cents
                BEGIN
                    UPDATE enrollment_hourly_counts SET entered = entered - 1, converted = converted - (OLD.status = 'converted'),
                        revenue_cents = revenue_cents - OLD.revenue_cents, revenue_squares = revenue_squares - 1.0 * OLD.revenue_cents * OLD.revenue_cents
                    WHERE company_id = OLD.company_id AND hour = OLD.entered_at - OLD.entered_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    UPDATE enrollment_hourly_counts SET ended = ended - 1
                    WHERE OLD.ended_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.ended_at - OLD.ended_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended, revenue_cents, revenue_squares)
                    VALUES (NEW.company_id, NEW.entered_at - NEW.entered_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''),
                            1, NEW.status = 'converted', 0, NEW.revenue_cents, 1.0 * NEW.revenue_cents * NEW.revenue_cents)
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET entered = entered + 1, converted = converted + excluded.converted,
                        revenue_cents = revenue_cents + excluded.revenue_cents, revenue_squares = revenue_squares + excluded.revenue_squares;
                    INSERT INTO enrollment_hourly_counts (company_id, hour, playbook_id, "group", entered, converted, ended, revenue_cents, revenue_squares)
                    SELECT NEW.company_id, NEW.ended_at - NEW.ended_at % 36000000000, NEW.playbook_id, coalesce(NEW."group", ''), 0, 0, 1, 0, 0
                    WHERE NEW.ended_at IS NOT NULL
                    ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE SET ended = ended + 1;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_count_hours_on_delete AFTER DELETE ON enrollments
                BEGIN
                    UPDATE enrollment_hourly_counts SET entered = entered - 1, converted = converted - (OLD.status = 'converted'),
                        revenue_cents = revenue_cents - OLD.revenue_cents, revenue_squares = revenue_squares - 1.0 * OLD.revenue_cents * OLD.revenue_cents
                    WHERE company_id = OLD.company_id AND hour = OLD.entered_at - OLD.entered_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                    UPDATE enrollment_hourly_counts SET ended = ended - 1
                    WHERE OLD.ended_at IS NOT NULL AND company_id = OLD.company_id AND hour = OLD.ended_at - OLD.ended_at % 36000000000 AND playbook_id = OLD.playbook_id AND "group" = coalesce(OLD."group", '');
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER enrollments_recompute_revenue_on_update AFTER UPDATE OF company_id, subject_kind, subject_id, entered_at, ended_at ON enrollments
                WHEN OLD.company_id IS NOT NEW.company_id OR OLD.subject_kind IS NOT NEW.subject_kind OR OLD.subject_id IS NOT NEW.subject_id
                  OR OLD.entered_at IS NOT NEW.entered_at OR OLD.ended_at IS NOT NEW.ended_at
                BEGIN
                    UPDATE enrollments SET revenue_cents = (SELECT coalesce(sum(CASE WHEN c.state = 'confirmed' THEN c.revenue_cents ELSE 0 END + c.adjusted_cents), 0)
                     FROM conversions c
                     WHERE c.company_id = NEW.company_id AND c.created_at >= NEW.entered_at AND (NEW.ended_at IS NULL OR c.created_at <= NEW.ended_at)
                       AND c.member_id IN (SELECT NEW.subject_id WHERE NEW.subject_kind = 'member'
                                           UNION ALL
                                           SELECT m.id FROM leads l JOIN members m ON m.company_id = NEW.company_id AND m.whop_user_id = l.whop_user_id
                                           WHERE NEW.subject_kind = 'lead' AND l.id = NEW.subject_id)) WHERE id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER leads_recompute_enrollments_revenue_on_update AFTER UPDATE OF whop_user_id ON leads
                WHEN OLD.whop_user_id IS NOT NEW.whop_user_id
                BEGIN
                    UPDATE enrollments SET revenue_cents = (SELECT coalesce(sum(CASE WHEN c.state = 'confirmed' THEN c.revenue_cents ELSE 0 END + c.adjusted_cents), 0)
                     FROM conversions c
                     WHERE c.company_id = enrollments.company_id AND c.created_at >= enrollments.entered_at AND (enrollments.ended_at IS NULL OR c.created_at <= enrollments.ended_at)
                       AND c.member_id IN (SELECT enrollments.subject_id WHERE enrollments.subject_kind = 'member'
                                           UNION ALL
                                           SELECT m.id FROM leads l JOIN members m ON m.company_id = enrollments.company_id AND m.whop_user_id = l.whop_user_id
                                           WHERE enrollments.subject_kind = 'lead' AND l.id = enrollments.subject_id))
                    WHERE company_id = NEW.company_id AND subject_kind = 'lead' AND subject_id = NEW.id;
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER conversions_credit_enrollments_on_insert AFTER INSERT ON conversions WHEN NEW.member_id IS NOT NULL
                BEGIN
                    UPDATE enrollments SET revenue_cents = revenue_cents + (CASE WHEN NEW.state = 'confirmed' THEN NEW.revenue_cents ELSE 0 END + NEW.adjusted_cents)
                    WHERE company_id = NEW.company_id AND entered_at <= NEW.created_at AND (ended_at IS NULL OR ended_at >= NEW.created_at)
                      AND ((subject_kind = 'member' AND subject_id = NEW.member_id)
                           OR (subject_kind = 'lead' AND subject_id IN (SELECT l.id FROM leads l JOIN members m ON m.whop_user_id = l.whop_user_id
                                                                        WHERE m.id = NEW.member_id AND l.company_id = NEW.company_id)));
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER conversions_credit_enrollments_on_update AFTER UPDATE OF company_id, member_id, created_at, state, revenue_cents, adjusted_cents ON conversions
                WHEN OLD.company_id IS NOT NEW.company_id OR OLD.member_id IS NOT NEW.member_id OR OLD.created_at IS NOT NEW.created_at
                  OR (CASE WHEN OLD.state = 'confirmed' THEN OLD.revenue_cents ELSE 0 END + OLD.adjusted_cents) IS NOT (CASE WHEN NEW.state = 'confirmed' THEN NEW.revenue_cents ELSE 0 END + NEW.adjusted_cents)
                BEGIN
                    UPDATE enrollments SET revenue_cents = revenue_cents - (CASE WHEN OLD.state = 'confirmed' THEN OLD.revenue_cents ELSE 0 END + OLD.adjusted_cents)
                    WHERE OLD.member_id IS NOT NULL AND company_id = OLD.company_id AND entered_at <= OLD.created_at AND (ended_at IS NULL OR ended_at >= OLD.created_at)
                      AND ((subject_kind = 'member' AND subject_id = OLD.member_id)
                           OR (subject_kind = 'lead' AND subject_id IN (SELECT l.id FROM leads l JOIN members m ON m.whop_user_id = l.whop_user_id
                                                                        WHERE m.id = OLD.member_id AND l.company_id = OLD.company_id)));
                    UPDATE enrollments SET revenue_cents = revenue_cents + (CASE WHEN NEW.state = 'confirmed' THEN NEW.revenue_cents ELSE 0 END + NEW.adjusted_cents)
                    WHERE NEW.member_id IS NOT NULL AND company_id = NEW.company_id AND entered_at <= NEW.created_at AND (ended_at IS NULL OR ended_at >= NEW.created_at)
                      AND ((subject_kind = 'member' AND subject_id = NEW.member_id)
                           OR (subject_kind = 'lead' AND subject_id IN (SELECT l.id FROM leads l JOIN members m ON m.whop_user_id = l.whop_user_id
                                                                        WHERE m.id = NEW.member_id AND l.company_id = NEW.company_id)));
                END;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER conversions_credit_enrollments_on_delete AFTER DELETE ON conversions WHEN OLD.member_id IS NOT NULL
                BEGIN
                    UPDATE enrollments SET revenue_cents = revenue_cents - (CASE WHEN OLD.state = 'confirmed' THEN OLD.revenue_cents ELSE 0 END + OLD.adjusted_cents)
                    WHERE company_id = OLD.company_id AND entered_at <= OLD.created_at AND (ended_at IS NULL OR ended_at >= OLD.created_at)
                      AND ((subject_kind = 'member' AND subject_id = OLD.member_id)
                           OR (subject_kind = 'lead' AND subject_id IN (SELECT l.id FROM leads l JOIN members m ON m.whop_user_id = l.whop_user_id
                                                                        WHERE m.id = OLD.member_id AND l.company_id = OLD.company_id)));
                END;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_attributed_playbook_id_attributed_sent_at",
                table: "conversions",
                columns: new[] { "company_id", "attributed_playbook_id", "attributed_sent_at" },
                filter: "attributed_sent_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sends_count_channel_hour_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER sends_count_channel_hour_on_update;");
            migrationBuilder.Sql("DROP TRIGGER sends_count_channel_hour_on_delete;");
            migrationBuilder.Sql("DROP TRIGGER conversions_copy_sent_at_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER conversions_copy_sent_at_on_update;");
            migrationBuilder.Sql("DROP TRIGGER sends_retime_conversions_on_update;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_recompute_revenue_on_update;");
            migrationBuilder.Sql("DROP TRIGGER leads_recompute_enrollments_revenue_on_update;");
            migrationBuilder.Sql("DROP TRIGGER conversions_credit_enrollments_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER conversions_credit_enrollments_on_update;");
            migrationBuilder.Sql("DROP TRIGGER conversions_credit_enrollments_on_delete;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_update;");
            migrationBuilder.Sql("DROP TRIGGER enrollments_count_hours_on_delete;");
            // The hourly triggers as they were before this migration counted revenue.
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

            migrationBuilder.DropTable(
                name: "send_channel_hourly_counts");

            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_attributed_playbook_id_attributed_sent_at",
                table: "conversions");

            // SQLite's own DROP COLUMN rather than EF's table rebuild: a rebuild would drop the enrolment triggers put
            // back above, and fails on conversions (renaming the rebuilt table checks revenue_adjustments' triggers,
            // which name conversions, while it is gone).
            migrationBuilder.Sql("ALTER TABLE enrollments DROP COLUMN revenue_cents;");
            migrationBuilder.Sql("ALTER TABLE enrollment_hourly_counts DROP COLUMN revenue_cents;");
            migrationBuilder.Sql("ALTER TABLE enrollment_hourly_counts DROP COLUMN revenue_squares;");
            migrationBuilder.Sql("ALTER TABLE conversions DROP COLUMN attributed_sent_at;");
        }
    }
}
