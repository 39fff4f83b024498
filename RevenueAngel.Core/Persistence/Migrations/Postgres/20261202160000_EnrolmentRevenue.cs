using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrolmentRevenue : Migration
    {
        /// The enrolment-revenue trigger function as this migration made it (StaticEnrolmentCredit's Down restores it).
        internal const string CreditEnrollmentRevenueFunction = """
                CREATE OR REPLACE FUNCTION credit_enrollment_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changes text := CASE TG_OP
                        WHEN 'INSERT' THEN 'SELECT company_id, member_id, created_at, state, revenue_cents, adjusted_cents, 1 AS sign FROM new_rows'
                        WHEN 'DELETE' THEN 'SELECT company_id, member_id, created_at, state, revenue_cents, adjusted_cents, -1 AS sign FROM old_rows'
                        ELSE 'SELECT company_id, member_id, created_at, state, revenue_cents, adjusted_cents, 1 AS sign FROM new_rows
                              UNION ALL SELECT company_id, member_id, created_at, state, revenue_cents, adjusted_cents, -1 AS sign FROM old_rows' END;
                BEGIN
                    EXECUTE format($sql$
                        UPDATE enrollments e SET revenue_cents = e.revenue_cents + d.cents
                        FROM (
                            SELECT s.id, sum(c.sign * conversion_net_cents(c.state, c.revenue_cents, c.adjusted_cents)) AS cents
                            FROM (%s) c
                            JOIN members m ON m.id = c.member_id
                            CROSS JOIN LATERAL (
                                SELECT en.id, en.entered_at, en.ended_at FROM enrollments en
                                WHERE en.company_id = c.company_id AND en.subject_kind = 'member' AND en.subject_id = c.member_id
                                UNION ALL
                                SELECT en.id, en.entered_at, en.ended_at FROM leads l
                                JOIN enrollments en ON en.company_id = c.company_id AND en.subject_kind = 'lead' AND en.subject_id = l.id
                                WHERE l.company_id = c.company_id AND l.whop_user_id = m.whop_user_id
                            ) s
                            WHERE c.created_at >= s.entered_at AND c.created_at <= coalesce(s.ended_at, 'infinity')
                            GROUP BY s.id
                            HAVING sum(c.sign * conversion_net_cents(c.state, c.revenue_cents, c.adjusted_cents)) <> 0
                            ORDER BY s.id
                        ) d
                        WHERE e.id = d.id
                        $sql$, changes);
                    RETURN NULL;
                END $$;
            """;

        /// The hourly enrolment-count trigger function as this migration made it (StaticEnrolmentHourCounts' Down restores it).
        internal const string CountEnrollmentHoursFunction = """
                CREATE OR REPLACE FUNCTION count_enrollment_hours() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changes text := CASE TG_OP
                        WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
                        WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
                        ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
                BEGIN
                    EXECUTE format($sql$
                        INSERT INTO enrollment_hourly_counts AS c (company_id, hour, playbook_id, "group", entered, converted, ended, revenue_cents, revenue_squares)
                        SELECT company_id, hour, playbook_id, "group", sum(entered), sum(converted), sum(ended), sum(revenue), sum(squares)
                        FROM (
                            SELECT company_id, date_trunc('hour', entered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, playbook_id,
                                   coalesce("group", '') AS "group", sign AS entered,
                                   CASE WHEN status = 'converted' THEN sign ELSE 0 END AS converted, 0 AS ended,
                                   sign * revenue_cents AS revenue, sign * (revenue_cents::float8 * revenue_cents) AS squares
                            FROM (%1$s) changes
                            UNION ALL
                            SELECT company_id, date_trunc('hour', ended_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', playbook_id,
                                   coalesce("group", ''), 0, 0, sign, 0, 0
                            FROM (%1$s) changes WHERE ended_at IS NOT NULL
                        ) deltas
                        GROUP BY 1, 2, 3, 4
                        HAVING sum(entered) <> 0 OR sum(converted) <> 0 OR sum(ended) <> 0 OR sum(revenue) <> 0 OR sum(squares) <> 0
                        ORDER BY 1, 2, 3, 4
                        ON CONFLICT (company_id, hour, playbook_id, "group") DO UPDATE
                        SET entered = c.entered + EXCLUDED.entered, converted = c.converted + EXCLUDED.converted, ended = c.ended + EXCLUDED.ended,
                            revenue_cents = c.revenue_cents + EXCLUDED.revenue_cents, revenue_squares = c.revenue_squares + EXCLUDED.revenue_squares
                        $sql$, changes);
                    RETURN NULL;
                END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.AddColumn<long>(
                name: "revenue_cents",
                table: "enrollments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "revenue_cents",
                table: "enrollment_hourly_counts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<double>(
                name: "revenue_squares",
                table: "enrollment_hourly_counts",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "attributed_sent_at",
                table: "conversions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "send_channel_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sends = table.Column<int>(type: "integer", nullable: false)
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

            // Channel table: sends per channel, outcome and hour of coalesce(sent_at, scheduled_for). Inserts are
            // counted per statement (enrolment schedules 100k sends in one), the rest per row behind a WHEN that lets
            // through only a change of bucket, so the dispatcher's claims and lease updates never call the function.
            migrationBuilder.Sql("""
                CREATE FUNCTION send_outcome(status text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE status WHEN 'sent' THEN 'delivered' WHEN 'unknown' THEN 'delivered' WHEN 'failed' THEN 'failed'
                                       WHEN 'canceled' THEN 'canceled' ELSE 'pending' END
                $$;

                CREATE FUNCTION count_send_channel_hours_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO send_channel_hourly_counts AS c (company_id, hour, channel, outcome, sends)
                    SELECT company_id, date_trunc('hour', coalesce(sent_at, scheduled_for) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', channel,
                           send_outcome(status), count(*)
                    FROM new_rows
                    GROUP BY 1, 2, 3, 4
                    ORDER BY 1, 2, 3, 4
                    ON CONFLICT (company_id, hour, channel, outcome) DO UPDATE SET sends = c.sends + EXCLUDED.sends;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION count_send_channel_hour() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE send_channel_hourly_counts SET sends = sends - 1
                        WHERE company_id = OLD.company_id AND channel = OLD.channel AND outcome = send_outcome(OLD.status)
                          AND hour = date_trunc('hour', coalesce(OLD.sent_at, OLD.scheduled_for) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO send_channel_hourly_counts AS c (company_id, hour, channel, outcome, sends)
                        VALUES (NEW.company_id, date_trunc('hour', coalesce(NEW.sent_at, NEW.scheduled_for) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                                NEW.channel, send_outcome(NEW.status), 1)
                        ON CONFLICT (company_id, hour, channel, outcome) DO UPDATE SET sends = c.sends + 1;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER sends_count_channel_hours_on_insert AFTER INSERT ON sends
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_send_channel_hours_inserted();
                CREATE TRIGGER sends_count_channel_hour_on_update AFTER UPDATE OF company_id, channel, status, sent_at, scheduled_for ON sends
                    FOR EACH ROW WHEN (OLD.company_id <> NEW.company_id OR OLD.channel <> NEW.channel OR send_outcome(OLD.status) <> send_outcome(NEW.status)
                        OR date_trunc('hour', coalesce(OLD.sent_at, OLD.scheduled_for) AT TIME ZONE 'UTC')
                           <> date_trunc('hour', coalesce(NEW.sent_at, NEW.scheduled_for) AT TIME ZONE 'UTC'))
                    EXECUTE FUNCTION count_send_channel_hour();
                CREATE TRIGGER sends_count_channel_hour_on_delete AFTER DELETE ON sends
                    FOR EACH ROW EXECUTE FUNCTION count_send_channel_hour();

                INSERT INTO send_channel_hourly_counts (company_id, hour, channel, outcome, sends)
                SELECT company_id, date_trunc('hour', coalesce(sent_at, scheduled_for) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', channel,
                       send_outcome(status), count(*)
                FROM sends
                GROUP BY 1, 2, 3, 4;
                """);

            // Step funnel: a conversion carries when its credited send went out, copied on every change of the
            // credit and kept when a credited send is re-timed (a send is credited only once it went out).
            migrationBuilder.Sql("""
                CREATE FUNCTION copy_attributed_sent_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.attributed_sent_at := (SELECT sent_at FROM sends WHERE id = NEW.attributed_send_id);
                    RETURN NEW;
                END $$;

                CREATE FUNCTION retime_attributed_conversions() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE conversions SET attributed_sent_at = NEW.sent_at WHERE attributed_send_id = NEW.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER conversions_copy_sent_at_on_insert BEFORE INSERT ON conversions
                    FOR EACH ROW WHEN (NEW.attributed_send_id IS NOT NULL) EXECUTE FUNCTION copy_attributed_sent_at();
                CREATE TRIGGER conversions_copy_sent_at_on_update BEFORE UPDATE OF attributed_send_id, attributed_sent_at ON conversions
                    FOR EACH ROW EXECUTE FUNCTION copy_attributed_sent_at();
                CREATE TRIGGER sends_retime_conversions_on_update AFTER UPDATE OF sent_at ON sends
                    FOR EACH ROW WHEN (OLD.sent_at IS NOT NULL AND OLD.sent_at IS DISTINCT FROM NEW.sent_at)
                    EXECUTE FUNCTION retime_attributed_conversions();

                UPDATE conversions c SET attributed_sent_at = s.sent_at FROM sends s WHERE s.id = c.attributed_send_id AND s.sent_at IS NOT NULL;
                """);

            // Incremental revenue: each enrolment keeps what its subject paid while enrolled (confirmed conversions
            // from entry to end, net of refunds: the adjustments' trigger moves adjusted_cents, which lands here),
            // and its arm's hourly row the sum and the sum of squares of that. A conversion's change moves the
            // enrolments whose span holds it by its difference (old rows -1, new rows +1, per statement), so a replay
            // that changes nothing moves nothing; an enrolment whose span or subject changes, or a lead that becomes
            // a member, is recomputed from the conversions, and so is a new enrolment (one written with its history,
            // or in the same batch as the conversions, finds them already there).
            migrationBuilder.Sql("""
                CREATE FUNCTION conversion_net_cents(state text, revenue_cents bigint, adjusted_cents bigint) RETURNS bigint
                LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN state = 'confirmed' THEN revenue_cents ELSE 0 END + adjusted_cents $$;

                CREATE FUNCTION enrollment_revenue(company text, kind text, subject bigint, entered timestamptz, ended timestamptz) RETURNS bigint
                LANGUAGE sql STABLE AS $$
                    SELECT coalesce(sum(conversion_net_cents(c.state, c.revenue_cents, c.adjusted_cents)), 0)::bigint
                    FROM conversions c
                    WHERE c.member_id IN (SELECT subject WHERE kind = 'member'
                                          UNION ALL
                                          SELECT m.id FROM leads l JOIN members m ON m.company_id = company AND m.whop_user_id = l.whop_user_id
                                          WHERE kind = 'lead' AND l.id = subject)
                      AND c.company_id = company AND c.created_at >= entered AND c.created_at <= coalesce(ended, 'infinity')
                $$;

                """);
            migrationBuilder.Sql(CreditEnrollmentRevenueFunction);
            migrationBuilder.Sql("""

                CREATE FUNCTION recompute_enrollment_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.revenue_cents := enrollment_revenue(NEW.company_id, NEW.subject_kind, NEW.subject_id, NEW.entered_at, NEW.ended_at);
                    RETURN NEW;
                END $$;

                CREATE FUNCTION credit_new_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE enrollments e SET revenue_cents = r.cents
                    FROM (
                        SELECT s.id, sum(conversion_net_cents(c.state, c.revenue_cents, c.adjusted_cents)) AS cents
                        FROM (
                            SELECT id, company_id, entered_at, ended_at, subject_id AS member_id FROM new_rows WHERE subject_kind = 'member'
                            UNION ALL
                            SELECT n.id, n.company_id, n.entered_at, n.ended_at, m.id FROM new_rows n
                            JOIN leads l ON l.id = n.subject_id JOIN members m ON m.company_id = n.company_id AND m.whop_user_id = l.whop_user_id
                            WHERE n.subject_kind = 'lead'
                        ) s
                        JOIN conversions c ON c.member_id = s.member_id AND c.company_id = s.company_id
                                          AND c.created_at >= s.entered_at AND c.created_at <= coalesce(s.ended_at, 'infinity')
                        GROUP BY s.id
                    ) r
                    WHERE e.id = r.id AND r.cents <> 0;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION recompute_lead_enrollments_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE enrollments SET revenue_cents = enrollment_revenue(company_id, subject_kind, subject_id, entered_at, ended_at)
                    WHERE company_id = NEW.company_id AND subject_kind = 'lead' AND subject_id = NEW.id;
                    RETURN NULL;
                END $$;

                -- Filled before the triggers exist: the hourly rows take their sums from the enrolments below.
                UPDATE enrollments e SET revenue_cents = r.cents
                FROM (
                    SELECT s.id, sum(conversion_net_cents(c.state, c.revenue_cents, c.adjusted_cents)) AS cents
                    FROM (
                        SELECT id, company_id, entered_at, ended_at, subject_id AS member_id FROM enrollments WHERE subject_kind = 'member'
                        UNION ALL
                        SELECT e.id, e.company_id, e.entered_at, e.ended_at, m.id FROM enrollments e
                        JOIN leads l ON l.id = e.subject_id JOIN members m ON m.company_id = e.company_id AND m.whop_user_id = l.whop_user_id
                        WHERE e.subject_kind = 'lead'
                    ) s
                    JOIN conversions c ON c.member_id = s.member_id AND c.company_id = s.company_id
                                      AND c.created_at >= s.entered_at AND c.created_at <= coalesce(s.ended_at, 'infinity')
                    GROUP BY s.id
                ) r
                WHERE e.id = r.id AND r.cents <> 0;

                UPDATE enrollment_hourly_counts h SET revenue_cents = r.cents, revenue_squares = r.squares
                FROM (
                    SELECT company_id, date_trunc('hour', entered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, playbook_id,
                           coalesce("group", '') AS "group", sum(revenue_cents) AS cents, sum(revenue_cents::float8 * revenue_cents) AS squares
                    FROM enrollments WHERE revenue_cents <> 0
                    GROUP BY 1, 2, 3, 4
                ) r
                WHERE h.company_id = r.company_id AND h.hour = r.hour AND h.playbook_id = r.playbook_id AND h."group" = r."group";

                """);
            migrationBuilder.Sql(CountEnrollmentHoursFunction);
            migrationBuilder.Sql("""

                CREATE TRIGGER conversions_credit_enrollments_on_insert AFTER INSERT ON conversions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credit_enrollment_revenue();
                CREATE TRIGGER conversions_credit_enrollments_on_update AFTER UPDATE ON conversions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credit_enrollment_revenue();
                CREATE TRIGGER conversions_credit_enrollments_on_delete AFTER DELETE ON conversions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credit_enrollment_revenue();
                CREATE TRIGGER enrollments_recompute_revenue_on_update BEFORE UPDATE OF company_id, subject_kind, subject_id, entered_at, ended_at ON enrollments
                    FOR EACH ROW WHEN (OLD.company_id <> NEW.company_id OR OLD.subject_kind <> NEW.subject_kind OR OLD.subject_id <> NEW.subject_id
                        OR OLD.entered_at <> NEW.entered_at OR OLD.ended_at IS DISTINCT FROM NEW.ended_at)
                    EXECUTE FUNCTION recompute_enrollment_revenue();
                CREATE TRIGGER enrollments_credit_revenue_on_insert AFTER INSERT ON enrollments
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credit_new_enrollments();
                CREATE TRIGGER leads_recompute_enrollments_revenue_on_update AFTER UPDATE OF whop_user_id ON leads
                    FOR EACH ROW WHEN (OLD.whop_user_id IS DISTINCT FROM NEW.whop_user_id) EXECUTE FUNCTION recompute_lead_enrollments_revenue();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "status", "group", "ended_at", "playbook_id", "subject_kind", "subject_id", "revenue_cents" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_attributed_playbook_id_attributed_se",
                table: "conversions",
                columns: new[] { "company_id", "attributed_playbook_id", "attributed_sent_at" },
                filter: "attributed_sent_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "attributed_step_id", "revenue_cents", "adjusted_cents", "currency", "state", "confirmed_by_payment_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sends_count_channel_hours_on_insert ON sends;
                DROP TRIGGER sends_count_channel_hour_on_update ON sends;
                DROP TRIGGER sends_count_channel_hour_on_delete ON sends;
                DROP TRIGGER conversions_copy_sent_at_on_insert ON conversions;
                DROP TRIGGER conversions_copy_sent_at_on_update ON conversions;
                DROP TRIGGER sends_retime_conversions_on_update ON sends;
                DROP TRIGGER conversions_credit_enrollments_on_insert ON conversions;
                DROP TRIGGER conversions_credit_enrollments_on_update ON conversions;
                DROP TRIGGER conversions_credit_enrollments_on_delete ON conversions;
                DROP TRIGGER enrollments_recompute_revenue_on_update ON enrollments;
                DROP TRIGGER leads_recompute_enrollments_revenue_on_update ON leads;
                DROP TRIGGER enrollments_credit_revenue_on_insert ON enrollments;
                DROP FUNCTION credit_new_enrollments();
                DROP FUNCTION count_send_channel_hours_inserted();
                DROP FUNCTION count_send_channel_hour();
                DROP FUNCTION send_outcome(text);
                DROP FUNCTION copy_attributed_sent_at();
                DROP FUNCTION retime_attributed_conversions();
                DROP FUNCTION credit_enrollment_revenue();
                DROP FUNCTION recompute_enrollment_revenue();
                DROP FUNCTION recompute_lead_enrollments_revenue();
                DROP FUNCTION enrollment_revenue(text, text, bigint, timestamptz, timestamptz);
                DROP FUNCTION conversion_net_cents(text, bigint, bigint);

                CREATE OR REPLACE FUNCTION count_enrollment_hours() RETURNS trigger LANGUAGE plpgsql AS $$
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
                """);

            migrationBuilder.DropTable(
                name: "send_channel_hourly_counts");

            migrationBuilder.DropIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments");

            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_attributed_playbook_id_attributed_se",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "revenue_cents",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "revenue_cents",
                table: "enrollment_hourly_counts");

            migrationBuilder.DropColumn(
                name: "revenue_squares",
                table: "enrollment_hourly_counts");

            migrationBuilder.DropColumn(
                name: "attributed_sent_at",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "status", "group", "ended_at", "playbook_id", "subject_kind", "subject_id" });
        }
    }
}
