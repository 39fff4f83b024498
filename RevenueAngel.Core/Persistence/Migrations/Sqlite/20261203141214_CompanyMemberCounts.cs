using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// Members per company and memberships per company, plan and status (see the PostgreSQL migration of the same
    /// name), kept by row triggers here. A decrement only updates: when a company's cascade deletes its members, their
    /// counts have gone with the same cascade and must not be inserted again.
    public partial class CompanyMemberCounts : Migration
    {
        private static string AddMembership(string row) => $"""
                INSERT INTO membership_counts (company_id, plan_id, status, memberships) VALUES ({row}.company_id, {row}.plan_id, {row}.status, 1)
                ON CONFLICT (company_id, plan_id, status) DO UPDATE SET memberships = memberships + 1;
            """;

        private const string TakeOldMembership = """
                UPDATE membership_counts SET memberships = memberships - 1
                WHERE company_id = OLD.company_id AND plan_id = OLD.plan_id AND status = OLD.status;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    members = table.Column<int>(type: "INTEGER", nullable: false)
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
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    plan_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    memberships = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.Sql("""
                INSERT INTO member_counts (company_id, members) SELECT company_id, count(*) FROM members GROUP BY 1;
                INSERT INTO membership_counts (company_id, plan_id, status, memberships)
                SELECT company_id, plan_id, status, count(*) FROM memberships GROUP BY 1, 2, 3;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER members_count_on_insert AFTER INSERT ON members
                BEGIN
                    INSERT INTO member_counts (company_id, members) VALUES (NEW.company_id, 1)
                    ON CONFLICT (company_id) DO UPDATE SET members = members + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER members_count_on_delete AFTER DELETE ON members
                BEGIN
                    UPDATE member_counts SET members = members - 1 WHERE company_id = OLD.company_id;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER memberships_count_on_insert AFTER INSERT ON memberships
                BEGIN
                {AddMembership("NEW")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER memberships_count_on_update AFTER UPDATE OF company_id, plan_id, status ON memberships
                BEGIN
                {TakeOldMembership}
                {AddMembership("NEW")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER memberships_count_on_delete AFTER DELETE ON memberships
                BEGIN
                {TakeOldMembership}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "members_count_on_insert", "members_count_on_delete", "memberships_count_on_insert",
                         "memberships_count_on_update", "memberships_count_on_delete" })
                migrationBuilder.Sql($"DROP TRIGGER {trigger};");

            migrationBuilder.DropTable(
                name: "member_counts");

            migrationBuilder.DropTable(
                name: "membership_counts");
        }
    }
}
