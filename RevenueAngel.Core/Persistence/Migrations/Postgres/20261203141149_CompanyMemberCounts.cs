using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// Members per company and memberships per company, plan and status, kept by triggers on members and memberships
    /// and filled from the rows already there; the dashboard's summary reads these rows instead of counting a large
    /// community's members and memberships on every load. Like the conversions' hourly counts, each statement stages
    /// its changes in an unlogged table and a deferred trigger folds them at commit. Both staging tables now fold in
    /// one function, conversions first and then the member counts, each in key order: two transactions that wrote a
    /// member and a conversion in opposite orders would otherwise take the count rows in opposite orders at commit.
    /// A member's company never changes (it is set once), so members count on insert and delete only.
    public partial class CompanyMemberCounts : Migration
    {
        private static string StageMembers(string changes) => $$"""
                    INSERT INTO member_count_changes (transaction_id, company_id, plan_id, status, members, memberships)
                    SELECT txid_current(), company_id, '', '', sum(sign), 0
                    FROM ({{changes}}) changes
                    GROUP BY 2
                    HAVING sum(sign) <> 0;
            """;

        private static string StageMemberships(string changes) => $$"""
                    INSERT INTO member_count_changes (transaction_id, company_id, plan_id, status, members, memberships)
                    SELECT txid_current(), company_id, plan_id, status, 0, sum(sign)
                    FROM ({{changes}}) changes
                    GROUP BY 2, 3, 4
                    HAVING sum(sign) <> 0;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    members = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_counts", x => x.company_id);
                    table.ForeignKey(
                        name: "fk_member_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "membership_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    plan_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    memberships = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_counts", x => new { x.company_id, x.plan_id, x.status });
                    table.ForeignKey(
                        name: "fk_membership_counts_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql($$"""
                INSERT INTO member_counts (company_id, members) SELECT company_id, count(*) FROM members GROUP BY 1;
                INSERT INTO membership_counts (company_id, plan_id, status, memberships)
                SELECT company_id, plan_id, status, count(*) FROM memberships GROUP BY 1, 2, 3;

                -- Rows live only inside the transaction that staged them, so the table needs no WAL.
                CREATE UNLOGGED TABLE member_count_changes (
                    transaction_id bigint NOT NULL,
                    company_id character varying(64) NOT NULL,
                    plan_id character varying(64) NOT NULL,
                    status character varying(32) NOT NULL,
                    members integer NOT NULL,
                    memberships integer NOT NULL);
                CREATE INDEX ix_member_count_changes_transaction_id ON member_count_changes (transaction_id);

                CREATE FUNCTION stage_member_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        {{StageMembers("SELECT company_id, 1 AS sign FROM new_rows")}}
                    ELSE
                        {{StageMembers("SELECT company_id, -1 AS sign FROM old_rows")}}
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION stage_membership_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        {{StageMemberships("SELECT company_id, plan_id, status, 1 AS sign FROM new_rows")}}
                    ELSIF TG_OP = 'DELETE' THEN
                        {{StageMemberships("SELECT company_id, plan_id, status, -1 AS sign FROM old_rows")}}
                    ELSE
                        {{StageMemberships("SELECT company_id, plan_id, status, 1 AS sign FROM new_rows UNION ALL SELECT company_id, plan_id, status, -1 FROM old_rows")}}
                    END IF;
                    RETURN NULL;
                END $$;

                -- Runs at commit once per staged row of either table; the first run of a transaction folds them all, the
                -- others find none. Always conversions first, then memberships and members, each in key order.
                CREATE FUNCTION fold_staged_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {{ConversionHourlyCounts.FoldStatement}}
                    WITH staged AS (DELETE FROM member_count_changes WHERE transaction_id = txid_current() RETURNING *),
                    counted_members AS (
                        INSERT INTO member_counts AS c (company_id, members)
                        SELECT company_id, sum(members) FROM staged
                        WHERE members <> 0 AND company_id IN (SELECT id FROM companies)
                        GROUP BY 1 HAVING sum(members) <> 0 ORDER BY 1
                        ON CONFLICT (company_id) DO UPDATE SET members = c.members + EXCLUDED.members)
                    INSERT INTO membership_counts AS c (company_id, plan_id, status, memberships)
                    SELECT company_id, plan_id, status, sum(memberships) FROM staged
                    WHERE memberships <> 0 AND company_id IN (SELECT id FROM companies)
                    GROUP BY 1, 2, 3 HAVING sum(memberships) <> 0 ORDER BY 1, 2, 3
                    ON CONFLICT (company_id, plan_id, status) DO UPDATE SET memberships = c.memberships + EXCLUDED.memberships;
                    RETURN NULL;
                END $$;

                DROP TRIGGER conversion_hourly_changes_fold ON conversion_hourly_changes;
                DROP FUNCTION fold_conversion_hours();
                CREATE CONSTRAINT TRIGGER conversion_hourly_changes_fold AFTER INSERT ON conversion_hourly_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fold_staged_counts();
                CREATE CONSTRAINT TRIGGER member_count_changes_fold AFTER INSERT ON member_count_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fold_staged_counts();

                CREATE TRIGGER members_count_on_insert AFTER INSERT ON members
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_member_counts();
                CREATE TRIGGER members_count_on_delete AFTER DELETE ON members
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_member_counts();
                CREATE TRIGGER memberships_count_on_insert AFTER INSERT ON memberships
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_membership_counts();
                CREATE TRIGGER memberships_count_on_update AFTER UPDATE ON memberships
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_membership_counts();
                CREATE TRIGGER memberships_count_on_delete AFTER DELETE ON memberships
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stage_membership_counts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                DROP TRIGGER members_count_on_insert ON members;
                DROP TRIGGER members_count_on_delete ON members;
                DROP TRIGGER memberships_count_on_insert ON memberships;
                DROP TRIGGER memberships_count_on_update ON memberships;
                DROP TRIGGER memberships_count_on_delete ON memberships;
                DROP TRIGGER conversion_hourly_changes_fold ON conversion_hourly_changes;
                DROP TABLE member_count_changes;
                DROP FUNCTION fold_staged_counts();
                DROP FUNCTION stage_member_counts();
                DROP FUNCTION stage_membership_counts();
                CREATE FUNCTION fold_conversion_hours() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {{ConversionHourlyCounts.FoldStatement}}
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER conversion_hourly_changes_fold AFTER INSERT ON conversion_hourly_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fold_conversion_hours();
                """);

            migrationBuilder.DropTable(
                name: "member_counts");

            migrationBuilder.DropTable(
                name: "membership_counts");
        }
    }
}
