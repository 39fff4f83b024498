using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// The conversions' hourly counts (see the PostgreSQL migration of the same name), kept by row triggers here.
    public partial class ConversionHourlyCounts : Migration
    {
        private const string Key = "company_id, hour, type, playbook_id, currency, state, recovered_by";

        private static string Add(string row) => $"""
                INSERT INTO conversion_hourly_counts ({Key}, conversions, revenue_cents, net_cents)
                SELECT {row}.company_id, {row}.created_at - {row}.created_at % 36000000000, {row}.type, coalesce({row}.attributed_playbook_id, 0),
                       {row}.currency, {row}.state, coalesce({row}.recovered_by, ''), 1, {row}.revenue_cents,
                       CASE WHEN {row}.state = 'confirmed' THEN {row}.revenue_cents + {row}.adjusted_cents ELSE 0 END
                WHERE true
                ON CONFLICT ({Key}) DO UPDATE SET conversions = conversions + 1, revenue_cents = revenue_cents + excluded.revenue_cents,
                    net_cents = net_cents + excluded.net_cents;
            """;

        private const string TakeOld = """
                UPDATE conversion_hourly_counts SET conversions = conversions - 1, revenue_cents = revenue_cents - OLD.revenue_cents,
                    net_cents = net_cents - CASE WHEN OLD.state = 'confirmed' THEN OLD.revenue_cents + OLD.adjusted_cents ELSE 0 END
                WHERE company_id = OLD.company_id AND hour = OLD.created_at - OLD.created_at % 36000000000 AND type = OLD.type
                  AND playbook_id = coalesce(OLD.attributed_playbook_id, 0) AND currency = OLD.currency AND state = OLD.state
                  AND recovered_by = coalesce(OLD.recovered_by, '');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversion_hourly_counts",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    playbook_id = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    recovered_by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    conversions = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    net_cents = table.Column<long>(type: "INTEGER", nullable: false)
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
                filter: "confirmed_by_payment_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_made_by_offer",
                table: "conversions",
                columns: new[] { "company_id", "created_at" },
                filter: "save_offer_id IS NOT NULL");

            migrationBuilder.Sql($"""
                INSERT INTO conversion_hourly_counts ({Key}, conversions, revenue_cents, net_cents)
                SELECT company_id, created_at - created_at % 36000000000, type, coalesce(attributed_playbook_id, 0), currency, state,
                       coalesce(recovered_by, ''), count(*), sum(revenue_cents),
                       sum(CASE WHEN state = 'confirmed' THEN revenue_cents + adjusted_cents ELSE 0 END)
                FROM conversions
                GROUP BY 1, 2, 3, 4, 5, 6, 7;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER conversions_count_hours_on_insert AFTER INSERT ON conversions
                BEGIN
                {Add("NEW")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER conversions_count_hours_on_update
                AFTER UPDATE OF company_id, created_at, type, attributed_playbook_id, currency, state, recovered_by, revenue_cents, adjusted_cents ON conversions
                BEGIN
                {TakeOld}
                {Add("NEW")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER conversions_count_hours_on_delete AFTER DELETE ON conversions
                BEGIN
                {TakeOld}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER conversions_count_hours_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER conversions_count_hours_on_update;");
            migrationBuilder.Sql("DROP TRIGGER conversions_count_hours_on_delete;");

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
