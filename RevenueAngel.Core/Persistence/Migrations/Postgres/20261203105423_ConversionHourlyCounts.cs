using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// Conversions per UTC hour, type, credited playbook, currency, state and recovery source, with their revenue and
    /// net, kept by triggers on conversions (every writer, every state change, every refund through adjusted_cents)
    /// and filled from the conversions already there; the analytics read these rows for a window's whole hours
    /// instead of every conversion in it. Conversions are written by concurrent webhook batches, one statement per
    /// event, and the rows of one hour are shared by all of them: upserting them statement by statement made two
    /// batches take the same rows in opposite orders and deadlock. So each statement's changes are staged in
    /// conversion_hourly_changes (plain inserts, no shared row), and a deferred constraint trigger folds a
    /// transaction's staged changes into the counts at commit, in one upsert in key order: every writer takes the
    /// count rows in the same order, once.
    public partial class ConversionHourlyCounts : Migration
    {
        // A row's contribution is +1 when it arrives and -1 when it leaves; static statements, planned once.
        private static string Stage(string changes) => $$"""
                    INSERT INTO conversion_hourly_changes (transaction_id, company_id, hour, type, playbook_id, currency, state, recovered_by, conversions, revenue_cents, net_cents)
                    SELECT txid_current(), company_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', type, coalesce(attributed_playbook_id, 0),
                           currency, state, coalesce(recovered_by, ''), sum(sign), sum(sign * revenue_cents),
                           sum(CASE WHEN state = 'confirmed' THEN sign * (revenue_cents + adjusted_cents) ELSE 0 END)
                    FROM ({{changes}}) changes
                    GROUP BY 2, 3, 4, 5, 6, 7, 8
                    HAVING sum(sign) <> 0 OR sum(sign * revenue_cents) <> 0 OR sum(CASE WHEN state = 'confirmed' THEN sign * (revenue_cents + adjusted_cents) ELSE 0 END) <> 0;
            """;

        /// The statement that folds a transaction's staged changes into the counts (CompanyMemberCounts folds with it too).
        internal const string FoldStatement = """
                    WITH staged AS (DELETE FROM conversion_hourly_changes WHERE transaction_id = txid_current() RETURNING *)
                    INSERT INTO conversion_hourly_counts AS h (company_id, hour, type, playbook_id, currency, state, recovered_by, conversions, revenue_cents, net_cents)
                    SELECT company_id, hour, type, playbook_id, currency, state, recovered_by, sum(conversions), sum(revenue_cents), sum(net_cents)
                    FROM staged
                    -- A company deleted in this transaction took its counts with it (the cascade); its staged rows have nowhere to go.
                    WHERE company_id IN (SELECT id FROM companies)
                    GROUP BY 1, 2, 3, 4, 5, 6, 7
                    HAVING sum(conversions) <> 0 OR sum(revenue_cents) <> 0 OR sum(net_cents) <> 0
                    ORDER BY 1, 2, 3, 4, 5, 6, 7
                    ON CONFLICT (company_id, hour, type, playbook_id, currency, state, recovered_by) DO UPDATE
                    SET conversions = h.conversions + EXCLUDED.conversions, revenue_cents = h.revenue_cents + EXCLUDED.revenue_cents,
                        net_cents = h.net_cents + EXCLUDED.net_cents;
            """;

        private const string Columns = "company_id, created_at, type, attributed_playbook_id, currency, state, recovered_by, revenue_cents, adjusted_cents";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversion_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recovered_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    conversions = table.Column<int>(type: "integer", nullable: false),
                    revenue_cents = table.Column<long>(type: "bigint", nullable: false),
                    net_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversion_hourly_counts", x => new { x.company_id, x.hour, x.type, x.playbook_id, x.currency, x.state, x.recovered_by });
                    table.ForeignKey(
                        name: "fk_conversion_hourly_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_confirmed_by_payment",
                table: "conversions",
                columns: new[] { "company_id", "created_at" },
                filter: "confirmed_by_payment_id IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "confirmed_by_payment_id", "type", "attributed_playbook_id", "currency", "state", "recovered_by", "revenue_cents", "adjusted_cents" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_made_by_offer",
                table: "conversions",
                columns: new[] { "company_id", "created_at" },
                filter: "save_offer_id IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "save_offer_id", "type", "state", "currency", "revenue_cents" });

            migrationBuilder.Sql($"""
                INSERT INTO conversion_hourly_counts (company_id, hour, type, playbook_id, currency, state, recovered_by, conversions, revenue_cents, net_cents)
                SELECT company_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', type, coalesce(attributed_playbook_id, 0),
                       currency, state, coalesce(recovered_by, ''), count(*), sum(revenue_cents),
                       sum(CASE WHEN state = 'confirmed' THEN revenue_cents + adjusted_cents ELSE 0 END)
                FROM conversions
                GROUP BY 1, 2, 3, 4, 5, 6, 7;

                -- Rows live only inside the transaction that staged them (folded before it commits, gone with it when it
                -- rolls back), so the table needs no WAL.
                CREATE UNLOGGED TABLE conversion_hourly_changes (
                    transaction_id bigint NOT NULL,
                    company_id character varying(64) NOT NULL,
                    hour timestamp with time zone NOT NULL,
                    type character varying(32) NOT NULL,
                    playbook_id bigint NOT NULL,
                    currency character varying(3) NOT NULL,
                    state character varying(32) NOT NULL,
                    recovered_by character varying(32) NOT NULL,
                    conversions integer NOT NULL,
                    revenue_cents bigint NOT NULL,
                    net_cents bigint NOT NULL);
                CREATE INDEX ix_conversion_hourly_changes_transaction_id ON conversion_hourly_changes (transaction_id);

                CREATE FUNCTION stage_conversion_hours() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        {Stage($"SELECT {Columns}, 1 AS sign FROM new_rows")}
                    ELSIF TG_OP = 'DELETE' THEN
                        {Stage($"SELECT {Columns}, -1 AS sign FROM old_rows")}
                    ELSE
                        {Stage($"SELECT {Columns}, 1 AS sign FROM new_rows UNION ALL SELECT {Columns}, -1 FROM old_rows")}
                    END IF;
                    RETURN NULL;
                END $$;

                -- Runs at commit once per staged row; the first run of a transaction folds them all, the others find none.
                CREATE FUNCTION fold_conversion_hours() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {FoldStatement}
                    RETURN NULL;
                END $$;

                CREATE TRIGGER conversions_count_hours_on_insert AFTER INSERT ON conversions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_conversion_hours();
                CREATE TRIGGER conversions_count_hours_on_update AFTER UPDATE ON conversions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_conversion_hours();
                CREATE TRIGGER conversions_count_hours_on_delete AFTER DELETE ON conversions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_conversion_hours();
                CREATE CONSTRAINT TRIGGER conversion_hourly_changes_fold AFTER INSERT ON conversion_hourly_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fold_conversion_hours();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER conversions_count_hours_on_insert ON conversions;
                DROP TRIGGER conversions_count_hours_on_update ON conversions;
                DROP TRIGGER conversions_count_hours_on_delete ON conversions;
                DROP TABLE conversion_hourly_changes;
                DROP FUNCTION stage_conversion_hours();
                DROP FUNCTION fold_conversion_hours();
                """);

            migrationBuilder.DropTable(
                name: "conversion_hourly_counts");

            migrationBuilder.DropIndex(
                name: "ix_conversions_confirmed_by_payment",
                table: "conversions");

            migrationBuilder.DropIndex(
                name: "ix_conversions_made_by_offer",
                table: "conversions");
        }
    }
}
