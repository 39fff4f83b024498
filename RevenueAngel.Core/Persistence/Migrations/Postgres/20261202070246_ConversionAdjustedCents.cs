using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConversionAdjustedCents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions");

            migrationBuilder.AddColumn<long>(
                name: "adjusted_cents",
                table: "conversions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions",
                columns: new[] { "company_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "member_id", "type", "revenue_cents", "adjusted_cents", "currency", "state", "recovered_by", "confirmed_by_payment_id", "attributed_playbook_id", "attributed_step_id", "attributed_send_id" });

            // Every writer of adjustments (refund and dispute webhooks and their replays, a conversion's deletion
            // setting its adjustments' link to null, plain SQL) keeps the conversion's sum exact in its own
            // transaction: take the row's old amount out of its old conversion, put its new amount into its new one.
            migrationBuilder.Sql("""
                CREATE FUNCTION count_conversion_adjustment() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.conversion_id IS NOT NULL THEN
                        UPDATE conversions SET adjusted_cents = adjusted_cents - OLD.amount_cents WHERE id = OLD.conversion_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.conversion_id IS NOT NULL THEN
                        UPDATE conversions SET adjusted_cents = adjusted_cents + NEW.amount_cents WHERE id = NEW.conversion_id;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER revenue_adjustments_count_on_insert AFTER INSERT ON revenue_adjustments
                    FOR EACH ROW WHEN (NEW.conversion_id IS NOT NULL) EXECUTE FUNCTION count_conversion_adjustment();
                CREATE TRIGGER revenue_adjustments_count_on_update AFTER UPDATE OF conversion_id, amount_cents ON revenue_adjustments
                    FOR EACH ROW WHEN (OLD.conversion_id IS DISTINCT FROM NEW.conversion_id OR OLD.amount_cents <> NEW.amount_cents)
                    EXECUTE FUNCTION count_conversion_adjustment();
                CREATE TRIGGER revenue_adjustments_count_on_delete AFTER DELETE ON revenue_adjustments
                    FOR EACH ROW WHEN (OLD.conversion_id IS NOT NULL) EXECUTE FUNCTION count_conversion_adjustment();

                UPDATE conversions c SET adjusted_cents = a.cents
                FROM (SELECT conversion_id, sum(amount_cents) AS cents FROM revenue_adjustments WHERE conversion_id IS NOT NULL GROUP BY 1) a
                WHERE a.conversion_id = c.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER revenue_adjustments_count_on_insert ON revenue_adjustments;
                DROP TRIGGER revenue_adjustments_count_on_update ON revenue_adjustments;
                DROP TRIGGER revenue_adjustments_count_on_delete ON revenue_adjustments;
                DROP FUNCTION count_conversion_adjustment();
                """);

            migrationBuilder.DropIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions");

            migrationBuilder.DropColumn(
                name: "adjusted_cents",
                table: "conversions");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions",
                columns: new[] { "company_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "id", "member_id", "type", "revenue_cents", "currency", "attributed_playbook_id", "attributed_step_id" });
        }
    }
}
