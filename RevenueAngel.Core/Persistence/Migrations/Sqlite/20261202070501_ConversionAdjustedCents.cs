using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConversionAdjustedCents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "adjusted_cents",
                table: "conversions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Every writer of adjustments keeps the conversion's sum exact in its own transaction: the row's old amount
            // leaves its old conversion, its new amount joins its new one (an id of NULL matches no conversion).
            migrationBuilder.Sql("""
                CREATE TRIGGER revenue_adjustments_count_on_insert AFTER INSERT ON revenue_adjustments WHEN NEW.conversion_id IS NOT NULL
                BEGIN
                    UPDATE conversions SET adjusted_cents = adjusted_cents + NEW.amount_cents WHERE id = NEW.conversion_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER revenue_adjustments_count_on_update AFTER UPDATE OF conversion_id, amount_cents ON revenue_adjustments
                WHEN OLD.conversion_id IS NOT NEW.conversion_id OR OLD.amount_cents <> NEW.amount_cents
                BEGIN
                    UPDATE conversions SET adjusted_cents = adjusted_cents - OLD.amount_cents WHERE id = OLD.conversion_id;
                    UPDATE conversions SET adjusted_cents = adjusted_cents + NEW.amount_cents WHERE id = NEW.conversion_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER revenue_adjustments_count_on_delete AFTER DELETE ON revenue_adjustments WHEN OLD.conversion_id IS NOT NULL
                BEGIN
                    UPDATE conversions SET adjusted_cents = adjusted_cents - OLD.amount_cents WHERE id = OLD.conversion_id;
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE conversions SET adjusted_cents = coalesce((SELECT sum(a.amount_cents) FROM revenue_adjustments a WHERE a.conversion_id = conversions.id), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER revenue_adjustments_count_on_insert;");
            migrationBuilder.Sql("DROP TRIGGER revenue_adjustments_count_on_update;");
            migrationBuilder.Sql("DROP TRIGGER revenue_adjustments_count_on_delete;");

            migrationBuilder.DropColumn(
                name: "adjusted_cents",
                table: "conversions");
        }
    }
}
